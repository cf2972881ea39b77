using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import.Stages;

/// <summary>
/// Compares what a sheet states with what its rows say: the grade tally against the grades read,
/// and every total, subtotal and measure-over-sub-items figure against the sum of the rows it
/// covers. A tally that disagrees is an error (the grades are the sheet's content); a figure
/// that disagrees is kept beside the sum and warned about, naming its cell; neither is changed.
/// </summary>
internal static class TotalsCheck
{
    public static void Run(SheetContext sheet)
    {
        CheckTallies(sheet);
        foreach (var total in sheet.Totals)
            Compare(sheet, total.Row, total.Kind, total.Label, total.Covered);
        foreach (var sub in sheet.SubItems)
            Compare(sheet, sub.Measure, StatedTotalKind.SubItems, sub.Title, sub.Items);
    }

    private static void CheckTallies(SheetContext sheet)
    {
        if (sheet.Tallies.Count == 0) return;
        var import = sheet.Import;
        var counted = sheet.Measures.Distinct().ToList();
        foreach (var (row, tally) in sheet.Tallies)
        {
            if (tally.Grade is not { } written)
            {
                import.Report.Tallies.Add(new StatedTally(sheet.Where(row.Number), null, tally.Count, counted.Count));
                if (tally.Count != counted.Count)
                    import.Error(sheet.Where(row.Number), "import.tallyTotalMismatch",
                        $"Row {row.Number}: the tally says {tally.Count} measures in all, but the sheet lists {counted.Count}.", row.Number, tally.Count, counted.Count);
                continue;
            }
            if (sheet.GradeYear is not { } year || import.Plans.Current is not { } state) continue;
            string? grade;
            try { grade = state.Plan.GradeScale.ReadCell(written); }
            catch (FormatException e)
            {
                import.Error(sheet.Where(row.Number), "import.badGrade", $"Row {row.Number}: {e.Message}", written, string.Join(", ", state.Plan.Grades.Select(g => g.Symbol)));
                continue;
            }
            var actual = counted.Count(m => m.Entries.Any(e => e.FiscalYear == year && e.Grade == grade));
            import.Report.Tallies.Add(new StatedTally(sheet.Where(row.Number), grade, tally.Count, actual));
            if (actual != tally.Count)
                import.Error(sheet.Where(row.Number), "import.tallyMismatch",
                    $"Row {row.Number}: the tally says {tally.Count} measures graded {grade}, but the sheet grades {actual}.", row.Number, tally.Count, grade!, actual);
        }
    }

    /// <summary>Each figure of the stating row, in a column that holds figures rather than names, against the sum of that column over the covered rows.</summary>
    private static void Compare(SheetContext sheet, SheetRow stating, StatedTotalKind kind, string label, IReadOnlyList<SheetRow> covered)
    {
        for (var column = 0; column < stating.Cells.Count; column++)
        {
            if (sheet.IsLabelColumn(column) || !ThousandYen.TryParse(stating[column], out var stated)) continue;
            if (!covered.Any(r => ThousandYen.TryParse(r[column], out _))) continue; // a figure with no rows beneath it to sum
            var computed = covered.Sum(r => ThousandYen.TryParse(r[column], out var amount) ? amount.Value : 0);
            var heading = column < sheet.Headings.Count ? sheet.Headings[column] : ColumnLetters.Format(column);
            var total = new StatedTotal(sheet.Where(stating.Number, column), kind, label, heading, stated.Value, computed);
            sheet.Import.Report.StatedTotals.Add(total);
            if (total.Differs)
                sheet.Import.Warning(total.Where, kind == StatedTotalKind.SubItems ? "import.subItemsDiffer" : "import.totalDiffers",
                    $"{label} ({heading}): the sheet states {stated.Value:N0}, the rows it covers sum to {computed:N0}; both are kept as written.",
                    label, heading, stated.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), computed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
