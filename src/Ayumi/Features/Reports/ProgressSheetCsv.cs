using System.Globalization;

namespace Ayumi.Features.Reports;

/// <summary>The progress sheet as CSV: the headings, then the rows as the sheet shows them, policies as rows of their own, then the tally and the year's published opinions.</summary>
public static class ProgressSheetCsv
{
    public static byte[] Write(ProgressSheet sheet)
    {
        var csv = new CsvText().Row(sheet.Headings);
        foreach (var line in sheet.Lines)
            csv.Row(line.IsSection ? [line.Section!] : line.Cells.Select(c => c.Amount?.ToString(CultureInfo.InvariantCulture) ?? c.Text));
        if (sheet.Template.GradeTally)
        {
            foreach (var (grade, count) in sheet.Tally) csv.Row([$"{grade.Symbol}({grade.Label}) {count}事業"]);
            csv.Row([$"{sheet.MeasureCount}事業"]);
        }
        if (sheet.Opinions is { } opinions)
        {
            csv.Row([]).Row([opinions.Title]).Row(opinions.Headings);
            foreach (var line in opinions.Lines) csv.Row(line.Cells);
        }
        return csv.ToBytes();
    }
}
