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
    public static string Table(ProgressSheet sheet, bool showPrevious, Func<string, string> text)
    {
        using var html = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteTable(html, sheet, showPrevious, text);
        return html.ToString();
    }

    /// <summary>
    /// What the PDF prints under the title: the legend when something changed, the table and the tally,
    /// written as it is made into the file Chromium reads.
    /// </summary>
    public static IHtmlContent ForPrint(ProgressSheet sheet, Func<string, string> text) => new Markup(writer =>
    {
        if (sheet.HasChanges) writer.Write(Legend(text));
        WriteTable(writer, sheet, showPrevious: false, text);
    });

    /// <summary>The sheet's title: 恵那市再犯防止推進計画 進行管理シート（令和6年度）.</summary>
    public static string Title(ProgressSheet sheet, Func<string, string> text) =>
        string.Format(text("reports.sheetTitle"), sheet.Plan.Name, sheet.Year.ToJapanese());

    public static string Legend(Func<string, string> text) =>
        $"<p class=\"legend\"><ins class=\"changed\">{E(text("reports.legendSample"))}</ins> {E(text("reports.legend"))}</p>";

    private static void WriteTable(TextWriter html, ProgressSheet sheet, bool showPrevious, Func<string, string> text)
    {
        // A wide sheet scrolls inside its wrapper, which keyboard users must be able to reach and scroll.
        html.Write("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
        Encoder.Encode(html, text("reports.caption"));
        html.Write("\"><table class=\"data-table progress-sheet\"><caption>");
        Encoder.Encode(html, text("reports.caption"));
        html.Write("</caption><thead><tr>");
        var columnClasses = sheet.Template.Columns.Select(c => c.Field.ToString().ToLowerInvariant()).ToList();
        foreach (var (heading, columnClass) in sheet.Headings.Zip(columnClasses))
        {
            html.Write("<th scope=\"col\" class=\"col-");
            html.Write(columnClass);
            html.Write("\">");
            Encoder.Encode(html, heading);
            html.Write("</th>");
        }
        html.Write("</tr></thead><tbody>");
        var previousLabel = E(text("reports.previousLabel"));
        foreach (var line in sheet.Lines)
        {
            if (line.IsSection)
            {
                html.Write("<tr class=\"section\"><th scope=\"colgroup\" colspan=\"");
                html.Write(sheet.Headings.Count);
                html.Write("\">");
                Encoder.Encode(html, line.Section!);
                html.Write("</th></tr>");
                continue;
            }
            html.Write(line.IsRelisting ? "<tr class=\"relisting\">" : "<tr>");
            for (var i = 0; i < line.Cells.Count; i++)
            {
                var cell = line.Cells[i];
                html.Write("<td class=\"col-");
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
