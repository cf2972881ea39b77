using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Ayumi.Features.Reports;

/// <summary>
/// The progress sheet as an HTML table, tally and legend: one markup for the page, its print
/// view and the PDF, so that they cannot drift apart. Every text is HTML-encoded here.
/// </summary>
public static class ProgressSheetHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="showPrevious">Show last year's wording under each changed cell.</param>
    public static string Table(ProgressSheet sheet, bool showPrevious, Func<string, string> text)
    {
        var html = new StringBuilder();
        // A wide sheet scrolls inside its wrapper, which keyboard users must be able to reach and scroll.
        html.Append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"").Append(E(text("reports.caption"))).Append("\"><table class=\"data-table progress-sheet\">");
        html.Append("<caption>").Append(E(text("reports.caption"))).Append("</caption><thead><tr>");
        foreach (var (heading, column) in sheet.Headings.Zip(sheet.Template.Columns))
            html.Append("<th scope=\"col\" class=\"col-").Append(column.Field.ToString().ToLowerInvariant()).Append("\">").Append(E(heading)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var line in sheet.Lines)
        {
            if (line.IsSection)
            {
                html.Append("<tr class=\"section\"><th scope=\"colgroup\" colspan=\"").Append(sheet.Headings.Count).Append("\">").Append(E(line.Section!)).Append("</th></tr>");
                continue;
            }
            html.Append(line.IsRelisting ? "<tr class=\"relisting\">" : "<tr>");
            foreach (var (cell, column) in line.Cells.Zip(sheet.Template.Columns))
            {
                html.Append("<td class=\"col-").Append(column.Field.ToString().ToLowerInvariant()).Append(column.IsMoney ? " num\">" : "\">");
                if (cell.Amount is { } amount) html.Append(amount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                else AppendMarked(html, cell);
                if (showPrevious && cell.Changed)
                    html.Append("<div class=\"previous\"><span class=\"previous__label\">").Append(E(text("reports.previousLabel"))).Append("</span>")
                        .Append(E(cell.Previous!)).Append("</div>");
                html.Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
        if (sheet.Template.GradeTally) AppendTally(html, sheet, text);
        return html.ToString();
    }

    /// <summary>The sheet's title: 恵那市再犯防止推進計画 進行管理シート（令和6年度）.</summary>
    public static string Title(ProgressSheet sheet, Func<string, string> text) =>
        string.Format(text("reports.sheetTitle"), sheet.Plan.Name, sheet.Year.ToJapanese());

    /// <summary>What the PDF prints under the title: the legend when something changed, the table and the tally.</summary>
    public static string ForPrint(ProgressSheet sheet, Func<string, string> text) =>
        (sheet.HasChanges ? Legend(text) : "") + Table(sheet, showPrevious: false, text);

    public static string Legend(Func<string, string> text) =>
        $"<p class=\"legend\"><ins class=\"changed\">{E(text("reports.legendSample"))}</ins> {E(text("reports.legend"))}</p>";

    private static void AppendMarked(StringBuilder html, SheetCell cell)
    {
        foreach (var (part, isNew) in cell.Segments())
        {
            var encoded = E(part).Replace("\n", "<br>");
            html.Append(isNew ? $"<ins class=\"changed\">{encoded}</ins>" : encoded);
        }
    }

    private static void AppendTally(StringBuilder html, ProgressSheet sheet, Func<string, string> text)
    {
        html.Append("<table class=\"data-table data-table--compact tally\"><caption>").Append(E(string.Format(text("reports.tallyCaption"), sheet.Year.ToJapanese())))
            .Append("</caption><tbody>");
        foreach (var (grade, count) in sheet.Tally)
            html.Append("<tr><th scope=\"row\">").Append(E($"{grade.Symbol}({grade.Label})")).Append("</th><td class=\"num\">")
                .Append(E(string.Format(text("reports.measures"), count))).Append("</td></tr>");
        html.Append("<tr class=\"total\"><th scope=\"row\">").Append(E(text("plan.total"))).Append("</th><td class=\"num\">")
            .Append(E(string.Format(text("reports.measures"), sheet.MeasureCount))).Append("</td></tr></tbody></table>");
    }

    private static string E(string text) => Encoder.Encode(text);
}
