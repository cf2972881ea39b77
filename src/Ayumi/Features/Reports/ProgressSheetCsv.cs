using System.Globalization;
using System.Text;

namespace Ayumi.Features.Reports;

/// <summary>
/// The progress sheet as CSV in UTF-8 with a byte order mark, which Japanese Excel opens
/// without garbling. Text that Excel would run as a formula (=, +, -, @) is prefixed with an
/// apostrophe, Excel's own mark for "this is text".
/// </summary>
public static class ProgressSheetCsv
{
    public static byte[] Write(ProgressSheet sheet)
    {
        var csv = new StringBuilder();
        AppendRow(csv, sheet.Headings);
        foreach (var line in sheet.Lines)
            AppendRow(csv, line.IsSection ? [line.Section!] : line.Cells.Select(c => c.Amount?.ToString(CultureInfo.InvariantCulture) ?? c.Text).ToList());
        if (sheet.Template.GradeTally)
        {
            foreach (var (grade, count) in sheet.Tally) AppendRow(csv, [$"{grade.Symbol}({grade.Label}) {count}事業"]);
            AppendRow(csv, [$"{sheet.MeasureCount}事業"]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void AppendRow(StringBuilder csv, IReadOnlyList<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Field));
        csv.Append("\r\n");
    }

    private static string Field(string value)
    {
        var text = IsFormulaLike(value) ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

    /// <summary>A cell Excel would evaluate; a lone dash (no budget) or a negative number is left alone.</summary>
    public static bool IsFormulaLike(string value) =>
        value.Length > 1 && (value[0] is '=' or '+' or '@' || (value[0] == '-' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)));
}
