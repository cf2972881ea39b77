using System.Globalization;
using Ayumi.Domain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Features.Reports;

/// <summary>
/// The progress sheet as a styled .xlsx workbook: title, header row styled, frozen and printed
/// on every page, wrapped text with row heights set, amounts as numbers with thousands
/// separators, A4 landscape fitted to the page width, page numbers in the footer, and text new
/// since last year underlined inside the cell (rich text), with the legend above the table.
/// </summary>
public static class ProgressSheetWorkbook
{
    private const string Font = "游ゴシック";
    private const double FontSize = 10.5;
    private const int HeaderRowIndex = 3;
    private const double LineHeight = 15;

    private enum Style : uint { Default, Header, Text, Amount, Section, Title, Note }

    public static byte[] Write(ProgressSheet sheet, Func<string, string> text) =>
        WriteTable(
            string.Format(text("reports.sheetTitle"), sheet.Plan.Name, sheet.Year.ToJapanese()),
            $"{sheet.Year.ToJapanese()}進行管理",
            sheet.Headings,
            sheet.Template.Columns.Select(ColumnWidth).ToList(),
            sheet.Lines,
            sheet.HasChanges ? "※" + text("reports.legend") : null,
            sheet.Template.GradeTally ? [.. sheet.Tally.Select(t => $"{t.Grade.Symbol}({t.Grade.Label}) {t.Count}事業"), $"{sheet.MeasureCount}事業"] : [],
            sheet.Opinions);

    /// <summary>
    /// Any table of sheet lines in the progress sheet's workbook style (the plan comparison uses it):
    /// a title, an optional legend, the header row frozen and printed on every page, changed text
    /// underlined, and footer lines under the table.
    /// </summary>
    /// <param name="widths">Column widths in Excel's character units, one per heading.</param>
    /// <param name="opinions">主な意見と市（県）の考え方, written on a worksheet of its own after the table's.</param>
    public static byte[] WriteTable(string title, string sheetName, IReadOnlyList<string> headings, IReadOnlyList<double> widths,
        IReadOnlyList<SheetLine> lines, string? legend, IReadOnlyList<string> footer, OpinionSection? opinions = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            AddStyles(workbookPart);
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetName = SheetName(sheetName);
            var (data, merges, lastRow) = Rows(title, headings, widths, lines, legend, footer);
            var lastColumn = ColumnLetters.Format(headings.Count - 1);

            var worksheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = HeaderRowIndex, TopLeftCell = $"A{HeaderRowIndex + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                }) { WorkbookViewId = 0 }),
                new SheetFormatProperties { DefaultRowHeight = LineHeight },
                new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                data);
            if (merges.Count > 0) worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
            worksheet.Append(
                new PrintOptions { HorizontalCentered = true },
                new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
                new HeaderFooter(new OddFooter("&C&P / &N")));
            worksheetPart.Worksheet = worksheet;

            var sheets = new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = workbookPart.GetIdOfPart(worksheetPart) });
            if (opinions is not null) AddOpinionsSheet(workbookPart, sheets, opinions);
            workbookPart.Workbook.Append(
                sheets,
                new DefinedNames(
                    new DefinedName($"'{sheetName}'!$A$1:${lastColumn}${lastRow}") { Name = "_xlnm.Print_Area", LocalSheetId = 0 },
                    new DefinedName($"'{sheetName}'!${HeaderRowIndex}:${HeaderRowIndex}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static readonly double[] OpinionWidths = [6, 30, 20, 50, 50];

    /// <summary>The opinions and answers as a second worksheet: its title, a header row and one wrapped row per opinion.</summary>
    private static void AddOpinionsSheet(WorkbookPart workbookPart, Sheets sheets, OpinionSection opinions)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.Append(TextRow(1, opinions.Title, Style.Title, 22));
        var header = new Row { RowIndex = HeaderRowIndex };
        for (var i = 0; i < opinions.Headings.Count; i++) header.Append(InlineText(i, HeaderRowIndex, [(opinions.Headings[i], false)], Style.Header));
        data.Append(header);
        var rowIndex = HeaderRowIndex;
        foreach (var line in opinions.Lines)
        {
            rowIndex++;
            var cells = line.Cells;
            var row = new Row { RowIndex = (uint)rowIndex, CustomHeight = true, Height = LineHeight * Math.Max(1, cells.Select((c, i) => Lines(c, OpinionWidths[i])).Max()) + 4 };
            for (var i = 0; i < cells.Count; i++) row.Append(InlineText(i, rowIndex, [(cells[i], false)], Style.Text));
            data.Append(row);
        }
        part.Worksheet = new Worksheet(
            new SheetFormatProperties { DefaultRowHeight = LineHeight },
            new Columns(OpinionWidths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
            data,
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        sheets.Append(new Sheet { Name = SheetName(opinions.Title), SheetId = 2, Id = workbookPart.GetIdOfPart(part) });
    }

    /// <summary>Excel allows 31 characters and no []:*?/\ in a sheet name.</summary>
    private static string SheetName(string wanted)
    {
        var name = new string(wanted.Where(c => !"[]:*?/\\".Contains(c)).ToArray());
        return name.Length <= 31 ? name : name[..31];
    }

    private static (SheetData Data, List<string> Merges, int LastRow) Rows(string title, IReadOnlyList<string> headings, IReadOnlyList<double> widths,
        IReadOnlyList<SheetLine> lines, string? legend, IReadOnlyList<string> footer)
    {
        var data = new SheetData();
        var merges = new List<string>();
        var lastColumn = ColumnLetters.Format(headings.Count - 1);
        data.Append(TextRow(1, title, Style.Title, 22));
        if (legend is not null) data.Append(TextRow(2, legend, Style.Note, LineHeight));

        var header = new Row { RowIndex = HeaderRowIndex, CustomHeight = true, Height = LineHeight * Math.Max(1, headings.Select((h, i) => Lines(h, widths[i])).Max()) };
        for (var i = 0; i < headings.Count; i++) header.Append(InlineText(i, HeaderRowIndex, [(headings[i], false)], Style.Header));
        data.Append(header);

        var rowIndex = HeaderRowIndex;
        foreach (var line in lines)
        {
            rowIndex++;
            if (line.IsSection)
            {
                var section = new Row { RowIndex = (uint)rowIndex };
                section.Append(InlineText(0, rowIndex, [(line.Section!, false)], Style.Section));
                for (var i = 1; i < headings.Count; i++) section.Append(new Cell { CellReference = $"{ColumnLetters.Format(i)}{rowIndex}", StyleIndex = (uint)Style.Section });
                data.Append(section);
                merges.Add($"A{rowIndex}:{lastColumn}{rowIndex}");
                continue;
            }
            var row = new Row
            {
                RowIndex = (uint)rowIndex, CustomHeight = true,
                Height = LineHeight * Math.Max(1, line.Cells.Select((c, i) => Lines(c.Text, widths[i])).Max()) + 4,
            };
            for (var i = 0; i < line.Cells.Count; i++)
            {
                var cell = line.Cells[i];
                row.Append(cell.Amount is { } amount
                    ? new Cell { CellReference = $"{ColumnLetters.Format(i)}{rowIndex}", CellValue = new CellValue(amount.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = (uint)Style.Amount }
                    : InlineText(i, rowIndex, cell.Segments(), Style.Text));
            }
            data.Append(row);
        }
        if (footer.Count > 0)
        {
            rowIndex++;
            foreach (var line in footer) data.Append(TextRow(++rowIndex, line, Style.Default, LineHeight));
        }
        return (data, merges, rowIndex);
    }

    private static Row TextRow(int index, string value, Style style, double height)
    {
        var row = new Row { RowIndex = (uint)index, CustomHeight = true, Height = height };
        row.Append(InlineText(0, index, [(value, false)], style));
        return row;
    }

    /// <summary>A text cell; parts new since last year are underlined runs of the cell's rich text.</summary>
    private static Cell InlineText(int column, int row, IEnumerable<(string Text, bool IsNew)> parts, Style style)
    {
        var list = parts.Where(p => p.Text.Length > 0).ToList();
        var inline = new InlineString();
        if (list.All(p => !p.IsNew)) inline.Append(new Text(string.Concat(list.Select(p => p.Text))) { Space = SpaceProcessingModeValues.Preserve });
        else
            foreach (var (part, isNew) in list)
            {
                var properties = new RunProperties(new RunFont { Val = Font }, new FontSize { Val = FontSize });
                if (isNew) properties.Append(new Underline());
                inline.Append(new Run(properties, new Text(part) { Space = SpaceProcessingModeValues.Preserve }));
            }
        return new Cell { CellReference = $"{ColumnLetters.Format(column)}{row}", DataType = CellValues.InlineString, InlineString = inline, StyleIndex = (uint)style };
    }

    /// <summary>Lines a text wraps to in a column: full-width characters take about two width units, half-width one.</summary>
    private static int Lines(string text, double width) =>
        text.Split('\n').Sum(line => Math.Max(1, (int)Math.Ceiling(line.Sum(c => c < 0x2E80 ? 1.0 : 2.0) / Math.Max(1, width - 1))));

    private static double ColumnWidth(ReportColumn column) => column.Field switch
    {
        ReportField.Code => 9,
        ReportField.Grade => 14,
        _ when column.IsMoney => 13,
        ReportField.Departments => 16,
        ReportField.Title or ReportField.NextPlanTitle => 24,
        ReportField.Goal or ReportField.Policy => 20,
        ReportField.Achievement or ReportField.IndicatorStatus => 11,
        ReportField.Baseline or ReportField.LatestActual or ReportField.IndicatorTarget => 20,
        ReportField.Indicator => 36,
        _ => 40,
    };

    private static void AddStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        Font MakeFont(bool bold = false, double size = FontSize)
        {
            var font = new Font();
            if (bold) font.Append(new Bold());
            font.Append(new FontSize { Val = size }, new FontName { Val = Font }, new FontFamilyNumbering { Val = 3 }, new FontCharSet { Val = 128 });
            return font;
        }
        var thin = new Border(
            new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = rgb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
        CellFormat Format(uint font, uint fill, uint border, uint numberFormat, bool wrap, HorizontalAlignmentValues? horizontal = null) =>
            new(new Alignment { WrapText = wrap, Vertical = VerticalAlignmentValues.Top, Horizontal = horizontal })
            {
                FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat,
                ApplyFont = true, ApplyFill = fill > 0, ApplyBorder = border > 0, ApplyNumberFormat = numberFormat > 0, ApplyAlignment = true,
            };
        styles.Stylesheet = new Stylesheet(
            new Fonts(MakeFont(), MakeFont(bold: true), MakeFont(bold: true, size: 14)),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFE8E8EB"), Solid("FFF2F2F5")),
            new Borders(new Border(), thin),
            new CellFormats(
                Format(0, 0, 0, 0, wrap: false),                                  // Default
                Format(1, 2, 1, 0, wrap: true, HorizontalAlignmentValues.Center), // Header
                Format(0, 0, 1, 0, wrap: true),                                   // Text
                Format(0, 0, 1, 3, wrap: false, HorizontalAlignmentValues.Right), // Amount: #,##0
                Format(1, 3, 1, 0, wrap: false),                                  // Section
                Format(2, 0, 0, 0, wrap: false),                                  // Title
                Format(0, 0, 0, 0, wrap: false)));                                // Note
    }
}
