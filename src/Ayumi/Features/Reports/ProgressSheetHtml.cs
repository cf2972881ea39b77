using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Ayumi.Features.Reports;

/// <summary>
/// The progress sheet as an HTML table, tally and legend: one markup for the page, its print
/// view and the PDF, so that they cannot drift apart. Every text is HTML-encoded here.
/// </summary>
public static class ProgressSheetHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="showPrevious">Show last year's wording under each changed cell.</param>
    /// <remarks>
    /// The page takes the table as one string. Written piece by piece into Razor's view buffer instead, its
    /// 200,000 fragments of a 500-measure sheet outlived the garbage collections during the request, and the
    /// server's peak working set rose from about 325 to 390 MB (bench/README.md, section 5).
    /// </remarks>
    /// <param name="shown">The columns the reader keeps (<see cref="SheetColumns"/>).</param>
    public static string Table(ProgressSheet sheet, SheetColumns shown, bool showPrevious, Func<string, string> text)
    {
        using var html = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteTable(html, sheet, shown, showPrevious, widths: null, text);
        return html.ToString();
    }

    /// <summary>
    /// What the PDF prints under the title: the legend when something changed, the table with its columns' shares of the
    /// page (<see cref="PrintLayout"/>) and the tally, written as it is made into the file Chromium reads.
    /// </summary>
    public static IHtmlContent ForPrint(ProgressSheet sheet, SheetColumns shown, Func<string, string> text) => new Markup(writer =>
    {
        if (sheet.HasChanges) writer.Write(Legend(text));
        WriteTable(writer, sheet, shown, showPrevious: false, PrintLayout.Widths(sheet, shown), text);
    });

    /// <summary>The sheet's title: 恵那市再犯防止推進計画 進行管理シート（令和6年度）.</summary>
    public static string Title(ProgressSheet sheet, Func<string, string> text) =>
        string.Format(text("reports.sheetTitle"), sheet.Plan.Name, sheet.Year.ToJapanese());

    public static string Legend(Func<string, string> text) =>
        $"<p class=\"legend\"><ins class=\"changed\">{E(text("reports.legendSample"))}</ins> {E(text("reports.legend"))}</p>";

    private static void WriteTable(TextWriter html, ProgressSheet sheet, SheetColumns shown, bool showPrevious, IReadOnlyList<double>? widths, Func<string, string> text)
    {
        var columns = shown.Indices(sheet.Template);
        var columnClasses = sheet.Template.Columns.Select(c => c.Field.ToString().ToLowerInvariant()).ToList();
        // A wide sheet scrolls inside its wrapper, which keyboard users must be able to reach and scroll; on screen the
        // wrapper is as tall as the window, so that its scroll bar and the sticky header stay in view.
        html.Write("<div class=\"table-wrap sheet-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
        Encoder.Encode(html, text("reports.caption"));
        html.Write("\"><table class=\"data-table data-table--cards progress-sheet");
        if (sheet.Lines.Where(l => !l.IsSection).Any(l => columns.Any(i => sheet.Template.Columns[i].Field == Domain.ReportField.Code && l.Cells[i].Text.Length > 3)))
            html.Write(" progress-sheet--long-codes");
        html.Write("\"");
        if (widths is not null)
        {
            // The PDF breaks a long row across pages (PdfRenderer, sheet-split.js) and marks where it goes on with this word.
            html.Write(" data-split-rows data-continued=\"");
            Encoder.Encode(html, text("reports.continued"));
            html.Write("\"");
        }
        html.Write("><caption>");
        Encoder.Encode(html, text("reports.caption"));
        html.Write("</caption>");
        if (widths is not null)
        {
            // Only the PDF's own document carries inline styles; the pages' content security policy forbids them.
            html.Write("<colgroup>");
            foreach (var width in widths) html.Write($"<col style=\"width:{width.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%\">");
            html.Write("</colgroup>");
        }
        html.Write("<thead><tr>");
        foreach (var i in columns)
        {
            html.Write("<th scope=\"col\" class=\"col-");
            html.Write(columnClasses[i]);
            html.Write("\">");
            Encoder.Encode(html, sheet.Headings[i]);
            html.Write("</th>");
        }
        html.Write("</tr></thead><tbody>");
        var previousLabel = E(text("reports.previousLabel"));
        var labels = sheet.Headings.Select(E).ToList();
        foreach (var line in sheet.Lines)
        {
            if (line.IsSection)
            {
                html.Write("<tr class=\"section\"><th scope=\"colgroup\" colspan=\"");
                html.Write(columns.Count);
                html.Write("\"><span>");
                Encoder.Encode(html, line.Section!);
                html.Write("</span></th></tr>");
                continue;
            }
            html.Write(line.IsRelisting ? "<tr class=\"relisting\">" : "<tr>");
            foreach (var i in columns)
            {
                var cell = line.Cells[i];
                // On screen the heading goes with each cell for the phone, where a row is read as a card of labelled fields.
                html.Write("<td ");
                if (widths is null)
                {
                    html.Write("data-label=\"");
                    html.Write(labels[i]);
                    html.Write("\" ");
                }
                html.Write("class=\"col-");
                html.Write(columnClasses[i]);
                html.Write(sheet.Template.Columns[i].IsMoney ? " num\">" : "\">");
                if (cell.Amount is { } amount) html.Write(amount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                else WriteMarked(html, cell);
                if (showPrevious && cell.Changed)
                {
                    html.Write("<div class=\"previous\"><span class=\"previous__label\">");
                    html.Write(previousLabel);
                    html.Write("</span>");
                    Encoder.Encode(html, cell.Previous!);
                    html.Write("</div>");
                }
                html.Write("</td>");
            }
            html.Write("</tr>");
        }
        html.Write("</tbody></table></div>");
        if (sheet.Template.GradeTally) WriteTally(html, sheet, text);
        if (sheet.Opinions is { } opinions) WriteOpinions(html, opinions);
    }

    /// <summary>主な意見と市（県）の考え方 as the sheet prints it after the tally, and as the year's page of opinions shows it.</summary>
    public static string Opinions(OpinionSection opinions)
    {
        using var html = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteOpinions(html, opinions);
        return html.ToString();
    }

    private static void WriteOpinions(TextWriter html, OpinionSection opinions)
    {
        html.Write("<section class=\"opinions\" aria-labelledby=\"opinions-title\"><h2 id=\"opinions-title\">");
        Encoder.Encode(html, opinions.Title);
        html.Write("</h2><div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"opinions-title\"><table class=\"data-table data-table--cards opinions-table\"><thead><tr>");
        foreach (var heading in opinions.Headings)
        {
            html.Write("<th scope=\"col\">");
            Encoder.Encode(html, heading);
            html.Write("</th>");
        }
        html.Write("</tr></thead><tbody>");
        foreach (var line in opinions.Lines)
        {
            html.Write("<tr>");
            var cells = line.Cells;
            for (var i = 0; i < cells.Count; i++)
            {
                html.Write("<td data-label=\"");
                Encoder.Encode(html, opinions.Headings[i]);
                html.Write(i == 0 ? "\" class=\"num\">" : "\">");
                WriteWithLineBreaks(html, cells[i]);
                html.Write("</td>");
            }
            html.Write("</tr>");
        }
        html.Write("</tbody></table></div></section>");
    }

    private static void WriteMarked(TextWriter html, SheetCell cell)
    {
        foreach (var (part, isNew) in cell.Segments())
        {
            if (isNew) html.Write("<ins class=\"changed\">");
            WriteWithLineBreaks(html, part);
            if (isNew) html.Write("</ins>");
        }
    }

    /// <summary>A cell's own line breaks are kept as &lt;br&gt;.</summary>
    private static void WriteWithLineBreaks(TextWriter html, string text)
    {
        var start = 0;
        for (int end; (end = text.IndexOf('\n', start)) >= 0; start = end + 1)
        {
            Encoder.Encode(html, text, start, end - start);
            html.Write("<br>");
        }
        Encoder.Encode(html, text, start, text.Length - start);
    }

    private static void WriteTally(TextWriter html, ProgressSheet sheet, Func<string, string> text)
    {
        html.Write("<table class=\"data-table data-table--compact tally\"><caption>");
        Encoder.Encode(html, string.Format(text("reports.tallyCaption"), sheet.Year.ToJapanese()));
        html.Write("</caption><tbody>");
        foreach (var (grade, count) in sheet.Tally)
            TallyRow(html, "<tr>", $"{grade.Symbol}({grade.Label})", string.Format(text("reports.measures"), count));
        TallyRow(html, "<tr class=\"total\">", text("plan.total"), string.Format(text("reports.measures"), sheet.MeasureCount));
        html.Write("</tbody></table>");
    }

    private static void TallyRow(TextWriter html, string rowStart, string heading, string value)
    {
        html.Write(rowStart);
        html.Write("<th scope=\"row\">");
        Encoder.Encode(html, heading);
        html.Write("</th><td class=\"num\">");
        Encoder.Encode(html, value);
        html.Write("</td></tr>");
    }

    private static string E(string text) => Encoder.Encode(text);

    /// <summary>Markup written on demand to the writer that renders it, already encoded.</summary>
    private sealed class Markup(Action<TextWriter> write) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => write(writer);
    }
}
