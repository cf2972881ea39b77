using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Indicators;

/// <summary>A plan's indicators with everything their pages show: owner, where they are attached, actuals and, for ratios, their parts.</summary>
public static class IndicatorQueries
{
    public static Task<Plan?> LoadPlanAsync(AyumiDbContext db, int planId, CancellationToken ct) =>
        db.Plans.AsNoTrackingWithIdentityResolution()
            .Include(p => p.Organisation)
            .Include(p => p.Nodes)
            .Include(p => p.Measures)
            .Include(p => p.Indicators).ThenInclude(i => i.Owner)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == planId, ct);

    /// <summary>The year an indicator page assesses by default: the plan's last year.</summary>
    public static FiscalYear AssessedYear(Plan plan, string? year) =>
        FiscalYear.TryParse(year, out var chosen) && chosen >= plan.PeriodStart && chosen <= plan.PeriodEnd ? chosen : plan.PeriodEnd;

    /// <summary>Where an indicator is attached, as the plan writes it: 行動7, a measure's code, or the plan.</summary>
    public static string? AttachedTo(Indicator indicator) =>
        indicator.Node is { } node ? node.Code : indicator.Measure?.PrimaryPlacement.Code ?? indicator.Measure?.Key;
}

/// <summary>One year of an indicator's chart and table.</summary>
/// <param name="Actual">The submitted actual (for a cumulative indicator, the year's count).</param>
/// <param name="Total">For a cumulative indicator, baseline + counts so far; null after a missing year.</param>
/// <param name="Path">The straight path from the baseline to the target (keep-level: the level).</param>
/// <param name="Target">The target set for this year, as written.</param>
public sealed record IndicatorYear(FiscalYear Year, decimal? Actual, decimal? Total, decimal? Path, string? Target, decimal? Comparison, string? Note)
{
    /// <summary>The value that is compared with the path: the total for cumulative indicators, the actual otherwise.</summary>
    public decimal? Reached(Indicator indicator) => indicator.Kind == IndicatorKind.Cumulative ? Total : Actual;

    /// <summary>From the first actual or the baseline's first year, whichever is earlier, to the plan's last (or the last actual, if later).</summary>
    public static IReadOnlyList<IndicatorYear> Of(Indicator indicator)
    {
        var series = indicator.Series().ToDictionary(x => x.Year, x => x.Value);
        var from = series.Keys.Append(indicator.BaselineFrom ?? indicator.Plan.PeriodStart).Min();
        var to = series.Keys.Append(indicator.Plan.PeriodEnd).Max();
        var baseline = indicator.Assess(indicator.Plan.PeriodEnd).Baseline;
        var numeric = indicator.Targets.Where(t => t.Value is not null && !t.IsAveraged).Select(t => (t.FiscalYear, t.Value!.Value)).ToList();
        // A final target averaged over a span is a level the span's average must reach: drawn flat over the span.
        var averaged = indicator.Targets.LastOrDefault() is { IsAveraged: true, Value: not null } span ? span : null;
        var keepLevel = indicator.Direction is IndicatorDirection.AtMost or IndicatorDirection.AtLeast;
        var rows = new List<IndicatorYear>();
        decimal? total = baseline;
        for (var year = from; year <= to; year = year.Next)
        {
            var actual = series.TryGetValue(year, out var v) ? v : (decimal?)null;
            var afterBaseline = indicator.BaselineYear is { } baseYear && year > baseYear;
            if (indicator.Kind == IndicatorKind.Cumulative && afterBaseline) total = actual is null ? null : total + actual;
            decimal? path = null;
            if (averaged is not null && year >= averaged.From!.Value && year <= averaged.FiscalYear) path = averaged.Value;
            else if (averaged is null && numeric.Count > 0 && baseline is { } b && indicator.BaselineYear is { } start && year >= start)
                path = keepLevel ? numeric.FirstOrDefault(t => t.FiscalYear >= year, numeric[^1]).Item2 : IndicatorAssessment.PathValue(start, b, numeric, year);
            var target = indicator.Targets.FirstOrDefault(t => t.FiscalYear == year);
            var value = target is null ? null : target.Value is { } tv ? Plans.IndicatorText.Value(tv, indicator) : target.Qualitative;
            var stored = indicator.ActualIn(year) is { State: ActualState.Submitted } a ? a : null;
            rows.Add(new IndicatorYear(year, actual,
                indicator.Kind == IndicatorKind.Cumulative && afterBaseline ? total : null,
                // The path is drawn and printed to a tenth; the status is judged on the exact value.
                path is { } exact ? Math.Round(exact, 1) : null,
                target is { IsAveraged: true } ? $"{value} ({target.From!.Value.StartYear}–{target.FiscalYear.StartYear})" : value,
                stored?.ComparisonValue, stored?.Note));
        }
        return rows;
    }
}
