using System.Globalization;
using Ayumi.Domain;
using Ayumi.Features.Reports;

namespace Ayumi.Features.Plans;

/// <summary>
/// The plan comparison as rows for the workbook and CSV, in Miyagi's layout: the earlier
/// plan's columns, then the later plan's, then how one leads to the other. Text the later plan
/// words differently carries the earlier wording, so the workbook underlines what changed.
/// </summary>
public static class PlanComparisonTable
{
    public static IReadOnlyList<string> Headings(PlanComparison comparison, Func<string, string> text) =>
    [
        text("compare.change"),
        $"{comparison.Earlier.GenerationLabel} {text("measure.code")}", $"{comparison.Earlier.GenerationLabel} {text("compare.title")}",
        $"{comparison.Earlier.GenerationLabel} {text("measure.description")}", $"{comparison.Earlier.GenerationLabel} {text("compare.budget")}",
        $"{comparison.Later.GenerationLabel} {text("measure.code")}", $"{comparison.Later.GenerationLabel} {text("compare.title")}",
        $"{comparison.Later.GenerationLabel} {text("measure.description")}", $"{comparison.Later.GenerationLabel} {text("compare.budget")}",
        text("lineage.title"),
    ];

    public static IReadOnlyList<double> Widths => [12, 8, 24, 40, 13, 8, 24, 40, 13, 24];

    public static IReadOnlyList<SheetLine> Lines(PlanComparison comparison, Func<string, string> text) =>
        comparison.Measures.Select(row => new SheetLine(null,
        [
            new SheetCell(text("compare.change." + row.Change.ToString().ToLowerInvariant())),
            new SheetCell(row.Earlier?.PrimaryPlacement.FullCode ?? ""),
            new SheetCell(row.Earlier?.Title ?? ""),
            new SheetCell(row.Earlier?.Description ?? ""),
            Amount(row.EarlierBudget),
            new SheetCell(row.Later?.PrimaryPlacement.FullCode ?? ""),
            Changed(row.Later?.Title, row.Earlier?.Title),
            Changed(row.Later?.Description, row.Earlier?.Description),
            Amount(row.LaterBudget),
            new SheetCell(Lineage(row, text)),
        ])).ToList();

    public static byte[] Csv(PlanComparison comparison, Func<string, string> text)
    {
        var csv = new CsvText().Row(Headings(comparison, text));
        foreach (var line in Lines(comparison, text)) csv.Row(line.Cells.Select(c => c.Amount?.ToString(CultureInfo.InvariantCulture) ?? c.Text));
        return csv.ToBytes();
    }

    public static byte[] Workbook(PlanComparison comparison, Func<string, string> text) =>
        ProgressSheetWorkbook.WriteTable(
            string.Format(text("compare.heading"), comparison.Earlier.Name, comparison.Later.Name), text("compare.sheetName"),
            Headings(comparison, text), Widths, Lines(comparison, text), "※" + text("compare.legend"), Counts(comparison, text));

    public static IReadOnlyList<string> Counts(PlanComparison comparison, Func<string, string> text) =>
        Enum.GetValues<MeasureChange>().Select(c => $"{text("compare.change." + c.ToString().ToLowerInvariant())} {comparison.Measures.Count(r => r.Change == c)}").ToList();

    /// <summary>継続 (令和7年度～) 後継事業.</summary>
    public static string Lineage(MeasureRow row, Func<string, string> text) => row switch
    {
        { Link: { } link } => $"{text("lineage.kind." + link.Kind.ToString().ToLowerInvariant())} ({link.EffectiveIn.ToJapanese()}～){(link.Note is null ? "" : " " + link.Note)}",
        { Change: MeasureChange.Ended, Earlier: { } ended } => ended.LifecycleNote ?? (ended.EndedIn is { } year ? $"{year.ToJapanese()}～" : ""),
        _ => "",
    };

    private static SheetCell Changed(string? later, string? earlier) =>
        later is null ? SheetCell.Empty : new SheetCell(later, earlier is not null && earlier != later ? earlier : null);

    private static SheetCell Amount(ThousandYen? amount) =>
        amount is { } value ? new SheetCell(value.Value.ToString("N0", CultureInfo.InvariantCulture), Amount: value.Value) : new SheetCell("-");
}
