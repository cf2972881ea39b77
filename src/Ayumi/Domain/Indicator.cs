using System.Globalization;

namespace Ayumi.Domain;

public enum IndicatorKind
{
    /// <summary>累計: each year's actual is that year's count, added to the baseline total.</summary>
    Cumulative,
    /// <summary>A value measured each year on its own (a rate, a number of groups at year end).</summary>
    Snapshot,
}

public enum IndicatorDirection
{
    HigherIsBetter,
    LowerIsBetter,
    /// <summary>Keep at or below the target level.</summary>
    AtMost,
    /// <summary>Keep at or above the target level.</summary>
    AtLeast,
}

/// <summary>Whether a department's actual is still its own draft or has been submitted (the secretariat's actuals are submitted as they are recorded).</summary>
public enum ActualState
{
    Draft,
    Submitted,
}

/// <summary>How a ratio of two cumulative (累計) indicators is taken, as its definition sets it.</summary>
public enum RatioBasis
{
    /// <summary>Each year's count over each year's count.</summary>
    YearlyCounts,
    /// <summary>The running totals (baseline plus the counts so far) over each other.</summary>
    RunningTotals,
}

/// <summary>
/// A target of an indicator: a number, or words such as 全国平均以上, for a fiscal year, or for the
/// average over a span of years (R4〜R8の平均) from <paramref name="From"/> to <paramref name="FiscalYear"/>,
/// whose end is the deadline.
/// </summary>
public sealed record IndicatorTarget(FiscalYear FiscalYear, decimal? Value, string? Qualitative, string? Note, FiscalYear? From = null)
{
    /// <summary>Judged on the average of the actuals over <see cref="From"/>…<see cref="FiscalYear"/>.</summary>
    public bool IsAveraged => From is { } from && from < FiscalYear;

    /// <summary>The years as the documents write them: R4〜R8の平均, or R8.</summary>
    public WrittenForms.YearSpan Years => new(IsAveraged ? From!.Value : FiscalYear, FiscalYear);
}

/// <summary>
/// An activity or outcome indicator (活動指標, 成果指標) with its baseline, targets and
/// yearly actuals, attached to the plan, a goal, a policy or a measure. How far it has come
/// is <see cref="Assess"/>; the rules are in <see cref="IndicatorAssessment"/> and docs/indicators.md.
/// </summary>
public class Indicator
{
    private readonly List<IndicatorActual> _actuals = [];

    private Indicator() { Code = null!; Name = null!; Unit = null!; Plan = null!; }

    internal Indicator(Plan plan, string code, string name, string unit, int order)
    {
        Plan = plan;
        Code = code;
        Name = name;
        Unit = unit;
        Order = order;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    /// <summary>件, 人, %, 回, 市町…</summary>
    public string Unit { get; private set; }
    public int Order { get; private set; }
    public int? NodeId { get; private set; }
    public PlanNode? Node { get; private set; }
    public int? MeasureId { get; private set; }
    public Measure? Measure { get; private set; }
    public int? OwnerId { get; private set; }
    public Department? Owner { get; private set; }
    public IndicatorKind Kind { get; private set; } = IndicatorKind.Snapshot;
    public IndicatorDirection Direction { get; set; } = IndicatorDirection.HigherIsBetter;
    /// <summary>【新】: new in this plan.</summary>
    public bool IsNew { get; set; }
    /// <summary>First year of the baseline; with <see cref="BaselineTo"/>, a span averaged (H29–R3 平均).</summary>
    public FiscalYear? BaselineFrom { get; private set; }
    public FiscalYear? BaselineTo { get; private set; }
    /// <summary>The baseline as the source states it; null for a span whose average is taken from the actuals of its years.</summary>
    public decimal? BaselineValue { get; private set; }
    public string? BaselineNote { get; private set; }
    public List<IndicatorTarget> Targets { get; private set; } = [];
    public string? SourceNote { get; set; }
    /// <summary>What the comparison values of the actuals are (全国平均, 全国の再犯率); null when there is no comparison series.</summary>
    public string? ComparisonLabel { get; private set; }
    /// <summary>A derived indicator is <see cref="Numerator"/> ÷ <see cref="Denominator"/> × <see cref="RatioScale"/> year by year, and has no actuals of its own.</summary>
    public int? NumeratorId { get; private set; }
    public Indicator? Numerator { get; private set; }
    public int? DenominatorId { get; private set; }
    public Indicator? Denominator { get; private set; }
    /// <summary>100 for a percentage, 1 for a plain ratio; null unless derived.</summary>
    public decimal? RatioScale { get; private set; }
    public IReadOnlyCollection<IndicatorActual> Actuals => _actuals;
    /// <summary>Decimal places its values are printed with on pages, charts, exports and open data; null prints them as recorded.</summary>
    public int? DecimalPlaces { get; private set; }
    /// <summary>参考指標, モニタリング指標: watched and charted, with no target, achievement or status.</summary>
    public bool IsMonitoringOnly { get; private set; }
    /// <summary>For a ratio of cumulative indicators: running totals or each year's counts.</summary>
    public RatioBasis RatioBasis { get; private set; } = RatioBasis.YearlyCounts;
    /// <summary>Why the secretariat archived it (it had actuals, so it was kept rather than deleted); null while current.</summary>
    public string? ArchivedReason { get; private set; }

    public bool IsArchived => ArchivedReason is not null;

    public bool IsDerived => RatioScale is not null;
    public bool IsPercentage => Unit is "%" or "％";

    /// <summary>The last year of the baseline: where the path to the target starts and cumulative counting begins.</summary>
    public FiscalYear? BaselineYear => BaselineTo ?? BaselineFrom;

    /// <exception cref="DomainException">An empty name or unit, or a new unit for an indicator that already has actuals (they were counted in the old one).</exception>
    public void Define(string name, string unit)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException($"Indicator {Code} needs a name.", "indicator.nameMissing", Code);
        if (string.IsNullOrWhiteSpace(unit)) throw new DomainException($"Indicator {Code} needs a unit.", "indicator.unitMissing", Code);
        unit = unit.Trim();
        if (unit != Unit && _actuals.Count > 0)
            throw new DomainException($"Indicator {Code} has actuals in {Unit}; its unit cannot become {unit}.", "indicator.unitHasActuals", Code, Unit, unit);
        if (Kind == IndicatorKind.Cumulative && unit is "%" or "％")
            throw new DomainException($"Indicator {Code}: a percentage cannot be cumulative.", "indicator.percentCumulative", Code);
        Name = name.Trim();
        Unit = unit;
    }

    /// <summary>Attached to the plan as a whole (an outcome indicator such as the number of reoffenders).</summary>
    public void AttachToPlan()
    {
        Node = null;
        NodeId = null;
        Measure = null;
        MeasureId = null;
    }

    public void AttachTo(PlanNode node)
    {
        if (node.Plan != Plan) throw new DomainException($"Indicator {Code} and '{node.Code}' belong to different plans.", "domain.indicatorOtherPlan", Code, node.Code);
        Node = node;
        Measure = null;
    }

    public void AttachTo(Measure measure)
    {
        if (measure.Plan != Plan) throw new DomainException($"Indicator {Code} and '{measure.Title}' belong to different plans.", "domain.indicatorOtherPlan", Code, measure.Title);
        Measure = measure;
        Node = null;
    }

    public void AssignOwner(Department? owner)
    {
        if (owner is null)
        {
            Owner = null;
            OwnerId = null;
            return;
        }
        if (owner.Organisation != Plan.Organisation) throw new DomainException($"{owner.Name} belongs to another organisation.", "domain.otherOrganisationDepartment", owner.Name);
        Owner = owner;
    }

    /// <exception cref="DomainException">A percentage counted cumulatively (percentages do not add up), a derived ratio made cumulative, or a change once actuals are recorded (they would be read differently).</exception>
    public void SetKind(IndicatorKind kind)
    {
        if (kind == IndicatorKind.Cumulative && IsPercentage)
            throw new DomainException($"Indicator {Code}: a percentage cannot be cumulative.", "indicator.percentCumulative", Code);
        if (kind == IndicatorKind.Cumulative && IsDerived)
            throw new DomainException($"Indicator {Code}: a ratio cannot be cumulative.", "indicator.ratioCumulative", Code);
        if (kind != Kind && _actuals.Count > 0)
            throw new DomainException($"Indicator {Code} has actuals counted as {Kind}; its kind cannot change.", "indicator.kindHasActuals", Code);
        Kind = kind;
    }

    /// <param name="value">The baseline; null only for a span (<paramref name="to"/> set), whose average is then taken from the actuals of its years.</param>
    /// <exception cref="DomainException">The span ends before it starts, or a single year has no value.</exception>
    public void SetBaseline(FiscalYear from, FiscalYear? to, decimal? value, string? note)
    {
        if (to is not null && to.Value < from) throw new DomainException($"Indicator {Code}: the baseline span ends before it starts.", "indicator.baselineSpan", Code);
        if (value is null && (to is null || to == from))
            throw new DomainException($"Indicator {Code}: the baseline of a single year needs a value.", "indicator.baselineMissing", Code);
        BaselineFrom = from;
        BaselineTo = to == from ? null : to;
        BaselineValue = value;
        BaselineNote = note;
    }

    /// <exception cref="DomainException">No value and no words, a second target for the year, a year outside the plan's period, a monitoring indicator, or an average over a span of a cumulative indicator.</exception>
    public void AddTarget(IndicatorTarget target)
    {
        if (target.Value is null && string.IsNullOrWhiteSpace(target.Qualitative))
            throw new DomainException($"Indicator {Code}: a target needs a value or a qualitative goal.", "indicator.targetEmpty", Code);
        if (IsMonitoringOnly)
            throw new DomainException($"Indicator {Code} has targets; a monitoring indicator has none.", "indicator.monitoringWithTargets", Code);
        if (target.From is { } start && start > target.FiscalYear)
            throw new DomainException($"Indicator {Code}: the target span ends before it starts.", "indicator.targetSpan", Code);
        if (target.IsAveraged && Kind == IndicatorKind.Cumulative)
            throw new DomainException($"Indicator {Code}: a cumulative indicator's target is a total, not an average.", "indicator.averagedCumulative", Code);
        if (target.From == target.FiscalYear) target = target with { From = null };
        if (Targets.Any(t => t.FiscalYear == target.FiscalYear))
            throw new DomainException($"Indicator {Code} has two targets for {target.FiscalYear.ToJapanese()}.", "indicator.targetTwice", Code, target.FiscalYear.ToJapanese());
        if (target.FiscalYear < Plan.PeriodStart || target.FiscalYear > Plan.PeriodEnd)
            throw new DomainException($"Indicator {Code}: the target year {target.FiscalYear.ToJapanese()} is outside the plan's period {Plan.PeriodLabel}.",
                "indicator.targetOutsidePeriod", Code, target.FiscalYear.ToJapanese(), Plan.PeriodLabel);
        Targets.Add(target);
        Targets.Sort((a, b) => a.FiscalYear.CompareTo(b.FiscalYear));
    }

    /// <summary>Replaces every target at once: all are checked (see <see cref="AddTarget"/>) before any is kept.</summary>
    /// <exception cref="DomainException">As <see cref="AddTarget"/>; the targets are then unchanged.</exception>
    public void ReplaceTargets(IReadOnlyList<IndicatorTarget> targets)
    {
        var before = Targets;
        Targets = [];
        try
        {
            foreach (var target in targets) AddTarget(target);
        }
        catch
        {
            Targets = before;
            throw;
        }
    }

    /// <exception cref="DomainException">Fewer than 0 or more than 4 decimal places.</exception>
    public void SetDecimalPlaces(int? places)
    {
        if (places is < 0 or > MaxDecimalPlaces)
            throw new DomainException($"Indicator {Code}: decimal places must lie between 0 and {MaxDecimalPlaces}.", "indicator.decimalPlaces", Code, MaxDecimalPlaces);
        DecimalPlaces = places;
    }

    public const int MaxDecimalPlaces = 4;

    /// <summary>A value as this indicator prints it (2,329, 95.1): with its decimal places, else as recorded; no unit.</summary>
    public string Format(decimal value) => value.ToString(DecimalPlaces switch { null => "#,0.####", 0 => "#,0", { } places => "#,0." + new string('0', places) }, CultureInfo.InvariantCulture);

    /// <summary>A value rounded to this indicator's decimal places, as exports carry it.</summary>
    public decimal Rounded(decimal value) => DecimalPlaces is { } places ? Math.Round(value, places, MidpointRounding.AwayFromZero) : value;

    /// <summary>Makes it a monitoring indicator (参考指標) without targets, or one that has them again.</summary>
    /// <exception cref="DomainException">Monitoring only while targets are set.</exception>
    public void MonitorOnly(bool monitoringOnly)
    {
        if (monitoringOnly && Targets.Count > 0)
            throw new DomainException($"Indicator {Code} has targets; a monitoring indicator has none.", "indicator.monitoringWithTargets", Code);
        IsMonitoringOnly = monitoringOnly;
    }

    /// <summary>Takes it out of the current lists, kept with its actuals in the history and exports; see <see cref="Plan.RemoveIndicator"/>.</summary>
    internal void Archive(string reason) => ArchivedReason = reason;

    /// <summary>Deletes the actual of a year; the reason goes to the audit trail with the deleted row (the caller's save).</summary>
    /// <exception cref="DomainException">No reason, or no actual that year.</exception>
    public IndicatorActual RemoveActual(FiscalYear year, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException($"Indicator {Code}: say why the actual is deleted.", "indicator.reasonMissing", Code);
        var actual = ActualIn(year) ?? throw new DomainException($"Indicator {Code} has no actual for {year.ToJapanese()}.", "indicator.noActualThatYear", Code, year.ToJapanese());
        _actuals.Remove(actual);
        return actual;
    }

    /// <summary>How a ratio of cumulative indicators is taken; see <see cref="Series"/>.</summary>
    public void TakeRatioOf(RatioBasis basis) => RatioBasis = basis;

    public void CompareWith(string? label) => ComparisonLabel = string.IsNullOrWhiteSpace(label) ? null : label.Trim();

    /// <summary>Makes this indicator the ratio of two others of the same plan (再犯率 = 再犯者数 ÷ 検挙人員 × 100).</summary>
    /// <exception cref="DomainException">An indicator of another plan, itself, a derived one, or this indicator already has actuals or is cumulative.</exception>
    public void DeriveAsRatio(Indicator numerator, Indicator denominator, decimal scale)
    {
        foreach (var part in new[] { numerator, denominator })
        {
            if (part.Plan != Plan || part == this) throw new DomainException($"Indicator {Code}: a ratio is made of two other indicators of the same plan.", "indicator.ratioParts", Code);
            if (part.IsDerived) throw new DomainException($"Indicator {Code}: {part.Code} is itself derived.", "indicator.ratioOfRatio", Code, part.Code);
        }
        if (scale <= 0) throw new DomainException($"Indicator {Code}: the ratio's scale must be positive.", "indicator.ratioScale", Code);
        if (_actuals.Count > 0) throw new DomainException($"Indicator {Code} has actuals of its own and cannot be derived.", "indicator.ratioHasActuals", Code);
        if (Kind == IndicatorKind.Cumulative) throw new DomainException($"Indicator {Code}: a ratio cannot be cumulative.", "indicator.ratioCumulative", Code);
        Numerator = numerator;
        Denominator = denominator;
        RatioScale = scale;
    }

    public IndicatorActual? ActualIn(FiscalYear year) => _actuals.FirstOrDefault(a => a.FiscalYear == year);

    /// <summary>
    /// The submitted value of each year, oldest first: the actuals, or for a derived indicator
    /// the ratio in every year both parts have a value and the denominator is not zero.
    /// </summary>
    public IReadOnlyList<(FiscalYear Year, decimal Value)> Series()
    {
        if (!IsDerived || Numerator is null || Denominator is null)
            return _actuals.Where(a => a.State == ActualState.Submitted).OrderBy(a => a.FiscalYear).Select(a => (a.FiscalYear, a.Value)).ToList();
        var below = Denominator.PartSeries(RatioBasis).ToDictionary(x => x.Year, x => x.Value);
        // The ratio is rounded as its definition prints it, so that what is judged is what the documents write.
        return Numerator.PartSeries(RatioBasis).Where(x => below.TryGetValue(x.Year, out var d) && d != 0)
            .Select(x => (x.Year, Math.Round(x.Value / below[x.Year] * RatioScale!.Value, DecimalPlaces ?? MaxDecimalPlaces, MidpointRounding.AwayFromZero))).ToList();
    }

    /// <summary>This indicator as a part of a ratio: a cumulative one's running totals when the ratio takes them, else its series.</summary>
    private IReadOnlyList<(FiscalYear Year, decimal Value)> PartSeries(RatioBasis basis) =>
        basis == RatioBasis.RunningTotals && Kind == IndicatorKind.Cumulative ? RunningTotals() : Series();

    /// <summary>
    /// A cumulative indicator's totals: the baseline in the baseline year, then the baseline plus each year's count,
    /// up to the year before the first missing one (the total after a gap is unknown).
    /// </summary>
    public IReadOnlyList<(FiscalYear Year, decimal Value)> RunningTotals()
    {
        var baseline = IndicatorAssessment.BaselineOf(this, Series());
        if (baseline is not { } total || BaselineYear is not { } year) return [];
        var counts = Series().ToDictionary(x => x.Year, x => x.Value);
        var totals = new List<(FiscalYear, decimal)> { (year, total) };
        for (year = year.Next; counts.TryGetValue(year, out var count) && year.StartYear < FiscalYear.MaxStartYear; year = year.Next)
            totals.Add((year, total += count));
        return totals;
    }

    /// <summary>Achievement and status as of <paramref name="upTo"/>; see <see cref="IndicatorAssessment"/>.</summary>
    public IndicatorAssessment Assess(FiscalYear upTo) => IndicatorAssessment.Of(this, upTo);

    /// <summary>Drops from a read copy the actuals its reader may not see (another department's drafts). Never on an indicator a context tracks.</summary>
    public void WithholdActuals(Func<IndicatorActual, bool> withheld) => _actuals.RemoveAll(a => withheld(a));

    /// <summary>Records a submitted value (the secretariat's, from official statistics, or a plan file's), replacing the year's earlier one.</summary>
    /// <exception cref="DomainException">See <see cref="SaveActual"/>.</exception>
    public IndicatorActual RecordActual(FiscalYear year, decimal value, string? note, decimal? comparison = null) =>
        SaveActual(year, value, note, comparison, ActualState.Submitted);

    /// <summary>Saves the value of a year as a draft or submits it; a year's actual is changed in place so that the audit trail shows old → new.</summary>
    /// <exception cref="DomainException">A derived indicator, a year after the plan (any earlier year, before the baseline included, is taken), a negative count, or a percentage above 100 … below 0.</exception>
    public IndicatorActual SaveActual(FiscalYear year, decimal value, string? note, decimal? comparison, ActualState state)
    {
        if (IsDerived) throw new DomainException($"Indicator {Code} is computed from {Numerator?.Code} and {Denominator?.Code}.", "indicator.derivedNoActuals", Code);
        if (year > Plan.PeriodEnd)
            throw new DomainException($"Indicator {Code}: {year.ToJapanese()} is after the plan's last year.", "indicator.actualYear", Code, year.ToJapanese());
        if (value < 0) throw new DomainException($"Indicator {Code}: a value cannot be negative.", "indicator.negative", Code);
        if (IsPercentage && value > 100) throw new DomainException($"Indicator {Code}: a percentage cannot exceed 100.", "indicator.percentOver", Code);
        if (comparison is not null && ComparisonLabel is null)
            throw new DomainException($"Indicator {Code} has no comparison series.", "indicator.noComparison", Code);
        var existing = ActualIn(year);
        if (existing is null)
        {
            existing = new IndicatorActual(this, year, value, note, comparison, state);
            _actuals.Add(existing);
        }
        else existing.Change(value, note, comparison, state);
        return existing;
    }

    /// <summary>The secretariat's judgement of a qualitative target (全国平均以上) in a year with a submitted actual.</summary>
    /// <exception cref="DomainException">No submitted actual that year, no qualitative target, or a judgement that is not achieved, on track or behind.</exception>
    public void Judge(FiscalYear year, IndicatorStatus? judgement)
    {
        if (!Targets.Any(t => t.Value is null)) throw new DomainException($"Indicator {Code} has no qualitative target to judge.", "indicator.notQualitative", Code);
        if (judgement is not (null or IndicatorStatus.Achieved or IndicatorStatus.OnTrack or IndicatorStatus.Behind))
            throw new DomainException($"Indicator {Code}: '{judgement}' is not a judgement.", "indicator.badJudgement", Code);
        if (ActualIn(year) is not { State: ActualState.Submitted } actual)
            throw new DomainException($"Indicator {Code} has no submitted actual for {year.ToJapanese()}.", "indicator.judgeWithoutActual", Code, year.ToJapanese());
        actual.Judgement = judgement;
    }

    /// <summary>Reads a value as people type it: 2,329, ２３２９, 95.1%, 2,329グループ. The unit, if written, must be this indicator's.</summary>
    public bool TryParseValue(string? text, out decimal value, out string? errorKey) => TryParseValue(text, Unit, out value, out errorKey);

    /// <summary>As <see cref="TryParseValue(string?, out decimal, out string?)"/> for an indicator counted in <paramref name="unit"/>.</summary>
    /// <param name="errorKey">indicator.valueMissing, indicator.valueNotNumber or indicator.unitMismatch when false is returned.</param>
    public static bool TryParseValue(string? text, string unit, out decimal value, out string? errorKey)
    {
        value = 0;
        errorKey = null;
        var trimmed = (text ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim().Replace(",", "").Replace(" ", "");
        if (trimmed.Length == 0) { errorKey = "indicator.valueMissing"; return false; }
        var digits = 0;
        while (digits < trimmed.Length && (char.IsAsciiDigit(trimmed[digits]) || trimmed[digits] is '.' or '-' or '+')) digits++;
        var written = trimmed[digits..];
        if (digits == 0 || !decimal.TryParse(trimmed[..digits], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            errorKey = "indicator.valueNotNumber";
            return false;
        }
        if (written.Length > 0 && written != unit.Normalize(System.Text.NormalizationForm.FormKC).Trim())
        {
            errorKey = "indicator.unitMismatch";
            return false;
        }
        return true;
    }
}

/// <summary>The value an indicator reached in a fiscal year, with the comparison series' value and, for a qualitative target, the secretariat's judgement.</summary>
public class IndicatorActual
{
    private IndicatorActual() { Indicator = null!; }

    internal IndicatorActual(Indicator indicator, FiscalYear fiscalYear, decimal value, string? note, decimal? comparison, ActualState state)
    {
        Indicator = indicator;
        FiscalYear = fiscalYear;
        Change(value, note, comparison, state);
    }

    public int Id { get; private set; }
    public Indicator Indicator { get; private set; }
    public FiscalYear FiscalYear { get; private set; }
    /// <summary>For a cumulative indicator, the count of this year alone.</summary>
    public decimal Value { get; private set; }
    public string? Note { get; private set; }
    /// <summary>The comparison series' value in this year (全国平均 85.8%).</summary>
    public decimal? ComparisonValue { get; private set; }
    public ActualState State { get; private set; }
    /// <summary>Achieved, on track or behind: the secretariat's reading of a qualitative target this year.</summary>
    public IndicatorStatus? Judgement { get; internal set; }

    internal void Change(decimal value, string? note, decimal? comparison, ActualState state)
    {
        if (Value != value) Judgement = null;
        Value = value;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ComparisonValue = comparison;
        State = state;
    }
}
