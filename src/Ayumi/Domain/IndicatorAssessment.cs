namespace Ayumi.Domain;

/// <summary>Where an indicator stands in a year. Ordered from least to most known and from worst to best.</summary>
public enum IndicatorStatus
{
    /// <summary>No numeric or qualitative target to measure against.</summary>
    NoTarget,
    /// <summary>The baseline is missing (a span whose years lack actuals).</summary>
    NoBaseline,
    /// <summary>No submitted actual after the baseline yet.</summary>
    NotMeasured,
    /// <summary>A cumulative indicator with a year missing between the baseline and the latest actual: the total cannot be known.</summary>
    MissingYears,
    /// <summary>A qualitative target the secretariat has not judged for the year.</summary>
    Unjudged,
    /// <summary>Short of the straight path from the baseline to the target, or outside a keep-level.</summary>
    Behind,
    /// <summary>On or beyond the straight path, target not yet reached.</summary>
    OnTrack,
    /// <summary>The final target reached (or the level kept).</summary>
    Achieved,
}

/// <summary>
/// The achievement and status of an indicator as of a fiscal year. This type is the one
/// definition of these rules; docs/indicators.md explains them with examples.
/// <list type="bullet">
/// <item><b>Baseline</b>: <see cref="Indicator.BaselineValue"/>; for a span (H29–R3 平均) without a stated value, the
/// average of the span's submitted actuals when every year of it has one. The baseline year is the span's last year.</item>
/// <item><b>Current value</b>: only years after the baseline year up to the year assessed count. Snapshot: the latest
/// submitted actual. Cumulative (累計): the baseline plus each year's count; when a year between is missing the total
/// is unknown and the status is <see cref="IndicatorStatus.MissingYears"/>.</item>
/// <item><b>Progress</b> (higher or lower is better): (current − baseline) ÷ (final target − baseline), the final target
/// being the last numeric one: 0 at the baseline, 1 at the target, above 1 beyond it, negative when it moved away.
/// Null when the target equals the baseline or the baseline already lies beyond the target (nothing to progress over),
/// and for keep-level and qualitative targets.</item>
/// <item><b>Status</b>: <see cref="IndicatorStatus.Achieved"/> once the current value reaches the final target in the
/// indicator's direction; otherwise <see cref="IndicatorStatus.OnTrack"/> when it is on or beyond the straight path from
/// (baseline year, baseline) through each numeric target to the final one, read at the year of the current value,
/// else <see cref="IndicatorStatus.Behind"/>. Keep-level indicators (at most, at least) are achieved in every year the
/// value is within the level of the target that applies (the first target in or after that year, else the last),
/// and behind otherwise. An indicator with only qualitative targets takes the secretariat's judgement of the year.</item>
/// <item><b>Averaged target</b> (R4〜R8の平均), when it is the last target: the current value is the average of the
/// span's actuals so far, judged against the target; achieved only once the whole span is measured (see <see cref="OfAverage"/>).</item>
/// <item><b>Monitoring indicators</b> (参考指標) have no target: <see cref="IndicatorStatus.NoTarget"/>, no achievement.</item>
/// </list>
/// </summary>
/// <param name="Baseline">The baseline in force (stated or averaged); null when unknown.</param>
/// <param name="Current">The value reached (for a cumulative indicator, the running total); null when unknown.</param>
/// <param name="MeasuredIn">The year of the latest actual counted.</param>
/// <param name="Expected">The straight path's value in <paramref name="MeasuredIn"/>; null when there is no numeric path.</param>
/// <param name="Progress">See above; a fraction, not a percentage.</param>
/// <param name="MissingYears">Years without an actual between the baseline and <paramref name="MeasuredIn"/> (only cumulative indicators need them).</param>
public sealed record IndicatorAssessment(
    IndicatorStatus Status, decimal? Baseline, decimal? Current, FiscalYear? MeasuredIn, decimal? Expected, decimal? Progress,
    IReadOnlyList<FiscalYear> MissingYears)
{
    /// <summary>Whether <paramref name="status"/> is a verdict on the indicator's progress (rather than a lack of data).</summary>
    public static bool IsVerdict(IndicatorStatus status) => status >= IndicatorStatus.Behind;

    internal static IndicatorAssessment Of(Indicator indicator, FiscalYear upTo)
    {
        var series = indicator.Series();
        var baseline = BaselineOf(indicator, series);
        if (indicator.IsMonitoringOnly || indicator.Targets.Count == 0)
        {
            // Watched, not judged: the latest value (a cumulative one's running total) with no achievement.
            var latest = (indicator.Kind == IndicatorKind.Cumulative ? indicator.RunningTotals() : series).LastOrDefault(x => x.Year <= upTo);
            return latest.Year == default ? Only(IndicatorStatus.NoTarget, baseline) : new(IndicatorStatus.NoTarget, baseline, latest.Value, latest.Year, null, null, []);
        }
        if (baseline is null || indicator.BaselineYear is not { } baseYear) return Only(IndicatorStatus.NoBaseline, baseline);
        if (indicator.Targets[^1] is { IsAveraged: true, Value: { } averaged } span) return OfAverage(indicator, series, baseline.Value, span, averaged, upTo);
        var counted = series.Where(x => x.Year > baseYear && x.Year <= upTo).ToList();
        if (counted.Count == 0) return Only(IndicatorStatus.NotMeasured, baseline);
        var measuredIn = counted[^1].Year;
        decimal current;
        if (indicator.Kind == IndicatorKind.Cumulative)
        {
            var missing = Enumerable.Range(baseYear.StartYear + 1, measuredIn.StartYear - baseYear.StartYear)
                .Select(y => new FiscalYear(y)).Where(y => counted.All(x => x.Year != y)).ToList();
            if (missing.Count > 0) return new(IndicatorStatus.MissingYears, baseline, null, measuredIn, null, null, missing);
            current = baseline.Value + counted.Sum(x => x.Value);
        }
        else current = counted[^1].Value;

        var numeric = indicator.Targets.Where(t => t.Value is not null).Select(t => (t.FiscalYear, Value: t.Value!.Value)).ToList();
        if (numeric.Count == 0)
        {
            var judgement = indicator.ActualIn(measuredIn)?.Judgement;
            return new(judgement ?? IndicatorStatus.Unjudged, baseline, current, measuredIn, null, null, []);
        }
        if (indicator.Direction is IndicatorDirection.AtMost or IndicatorDirection.AtLeast)
        {
            var level = numeric.FirstOrDefault(t => t.FiscalYear >= measuredIn, numeric[^1]).Value;
            var within = indicator.Direction == IndicatorDirection.AtMost ? current <= level : current >= level;
            return new(within ? IndicatorStatus.Achieved : IndicatorStatus.Behind, baseline, current, measuredIn, level, null, []);
        }

        var sign = indicator.Direction == IndicatorDirection.LowerIsBetter ? -1 : 1;
        var final = numeric[^1].Value;
        var expected = PathValue(baseYear, baseline.Value, numeric, measuredIn);
        decimal? progress = sign * (final - baseline.Value) > 0 ? (current - baseline.Value) / (final - baseline.Value) : null;
        var status = sign * (current - final) >= 0 ? IndicatorStatus.Achieved
            : sign * (current - expected) >= 0 ? IndicatorStatus.OnTrack
            : IndicatorStatus.Behind;
        return new(status, baseline, current, measuredIn, expected, progress, []);
    }

    /// <summary>
    /// A final target that is the average over a span (R4〜R8の平均 = 90): the current value is the average of the
    /// span's actuals up to <paramref name="upTo"/>. Achieved once every year of the span has its actual and the
    /// average reaches the target; before then, on track while the average so far reaches it, else behind.
    /// The expected value is the target itself: what the average has to reach.
    /// </summary>
    private static IndicatorAssessment OfAverage(Indicator indicator, IReadOnlyList<(FiscalYear Year, decimal Value)> series, decimal baseline,
        IndicatorTarget span, decimal target, FiscalYear upTo)
    {
        var from = span.From!.Value;
        var counted = series.Where(x => x.Year >= from && x.Year <= span.FiscalYear && x.Year <= upTo).ToList();
        if (counted.Count == 0) return Only(IndicatorStatus.NotMeasured, baseline);
        var measuredIn = counted[^1].Year;
        var current = Math.Round(counted.Average(x => x.Value), 4);
        var sign = indicator.Direction is IndicatorDirection.LowerIsBetter or IndicatorDirection.AtMost ? -1 : 1;
        var reached = sign * (current - target) >= 0;
        var complete = counted.Count == span.FiscalYear.StartYear - from.StartYear + 1;
        var status = reached ? complete ? IndicatorStatus.Achieved : IndicatorStatus.OnTrack : IndicatorStatus.Behind;
        decimal? progress = indicator.Direction is IndicatorDirection.HigherIsBetter or IndicatorDirection.LowerIsBetter && sign * (target - baseline) > 0
            ? (current - baseline) / (target - baseline) : null;
        return new(status, baseline, current, measuredIn, target, progress, []);
    }

    /// <summary>
    /// The straight path from (baseline year, baseline) through each numeric target, in
    /// <paramref name="year"/>: the baseline before it starts, the last target after it ends.
    /// </summary>
    public static decimal PathValue(FiscalYear baseYear, decimal baseline, IReadOnlyList<(FiscalYear FiscalYear, decimal Value)> targets, FiscalYear year)
    {
        var (fromYear, fromValue) = (baseYear, baseline);
        foreach (var (toYear, toValue) in targets.Where(t => t.FiscalYear > baseYear))
        {
            if (year <= toYear)
            {
                if (year <= fromYear) return fromValue;
                return fromValue + (toValue - fromValue) * (year.StartYear - fromYear.StartYear) / (toYear.StartYear - fromYear.StartYear);
            }
            (fromYear, fromValue) = (toYear, toValue);
        }
        return fromValue;
    }

    internal static decimal? BaselineOf(Indicator indicator, IReadOnlyList<(FiscalYear Year, decimal Value)> series)
    {
        if (indicator.BaselineValue is { } stated) return stated;
        if (indicator.BaselineFrom is not { } from || indicator.BaselineTo is not { } to) return null;
        var span = series.Where(x => x.Year >= from && x.Year <= to).ToList();
        return span.Count == to.StartYear - from.StartYear + 1 ? Math.Round(span.Average(x => x.Value), 4) : null;
    }

    private static IndicatorAssessment Only(IndicatorStatus status, decimal? baseline) => new(status, baseline, null, null, null, null, []);
}
