namespace Ayumi.Domain;

public enum IndicatorKind
{
    /// <summary>累計: each year's value adds to the total since the baseline.</summary>
    Cumulative,
    /// <summary>A value measured each year on its own.</summary>
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

/// <summary>A target of an indicator for a fiscal year: a number, or words such as 全国平均以上.</summary>
public sealed record IndicatorTarget(FiscalYear FiscalYear, decimal? Value, string? Qualitative, string? Note);

/// <summary>
/// An activity or outcome indicator (活動指標, 成果指標) with its baseline, targets and
/// yearly actuals, attached to the plan, a goal, a policy or a measure.
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
    public IndicatorKind Kind { get; set; } = IndicatorKind.Snapshot;
    public IndicatorDirection Direction { get; set; } = IndicatorDirection.HigherIsBetter;
    /// <summary>【新】: new in this plan.</summary>
    public bool IsNew { get; set; }
    /// <summary>First year of the baseline; with <see cref="BaselineTo"/>, a span averaged (H29–R3 平均).</summary>
    public FiscalYear? BaselineFrom { get; private set; }
    public FiscalYear? BaselineTo { get; private set; }
    public decimal? BaselineValue { get; private set; }
    public string? BaselineNote { get; private set; }
    public List<IndicatorTarget> Targets { get; private set; } = [];
    public string? SourceNote { get; set; }
    public IReadOnlyCollection<IndicatorActual> Actuals => _actuals;

    public void AttachTo(PlanNode node)
    {
        if (node.Plan != Plan) throw new DomainException($"Indicator {Code} and '{node.Code}' belong to different plans.");
        Node = node;
        Measure = null;
    }

    public void AttachTo(Measure measure)
    {
        if (measure.Plan != Plan) throw new DomainException($"Indicator {Code} and '{measure.Title}' belong to different plans.");
        Measure = measure;
        Node = null;
    }

    public void AssignOwner(Department owner)
    {
        if (owner.Organisation != Plan.Organisation) throw new DomainException($"{owner.Name} belongs to another organisation.");
        Owner = owner;
    }

    public void SetBaseline(FiscalYear from, FiscalYear? to, decimal? value, string? note)
    {
        if (to is not null && to.Value < from) throw new DomainException($"Indicator {Code}: the baseline span ends before it starts.");
        BaselineFrom = from;
        BaselineTo = to;
        BaselineValue = value;
        BaselineNote = note;
    }

    public void AddTarget(IndicatorTarget target)
    {
        if (target.Value is null && string.IsNullOrWhiteSpace(target.Qualitative))
            throw new DomainException($"Indicator {Code}: a target needs a value or a qualitative goal.");
        if (Targets.Any(t => t.FiscalYear == target.FiscalYear))
            throw new DomainException($"Indicator {Code} has two targets for {target.FiscalYear.ToJapanese()}.");
        Targets.Add(target);
    }

    /// <summary>The latest actual recorded up to and including <paramref name="upTo"/>, or null when none is.</summary>
    public IndicatorActual? LatestActual(FiscalYear upTo) =>
        _actuals.Where(a => a.FiscalYear <= upTo).MaxBy(a => a.FiscalYear);

    /// <summary>
    /// How far the latest actual has come from the baseline toward the last numeric target:
    /// 0 at the baseline, 1 at the target, above 1 beyond it; the direction follows from the
    /// sign (a target below the baseline rewards a fall). Null when the baseline, the actual or
    /// a numeric target is missing, or the target equals the baseline (nothing to progress over).
    /// </summary>
    public decimal? Achievement(FiscalYear upTo)
    {
        var target = Targets.Where(t => t.Value is not null).MaxBy(t => t.FiscalYear)?.Value;
        if (BaselineValue is not { } baseline || target is not { } goal || goal == baseline || LatestActual(upTo) is not { } actual) return null;
        return (actual.Value - baseline) / (goal - baseline);
    }

    public void RecordActual(FiscalYear year, decimal value, string? note)
    {
        var existing = _actuals.FirstOrDefault(a => a.FiscalYear == year);
        if (existing is not null) _actuals.Remove(existing);
        _actuals.Add(new IndicatorActual(year, value, note));
    }
}

/// <summary>The value an indicator reached in a fiscal year.</summary>
public class IndicatorActual
{
    private IndicatorActual() { }

    internal IndicatorActual(FiscalYear fiscalYear, decimal value, string? note)
    {
        FiscalYear = fiscalYear;
        Value = value;
        Note = note;
    }

    public int Id { get; private set; }
    public FiscalYear FiscalYear { get; private set; }
    public decimal Value { get; private set; }
    public string? Note { get; private set; }
}
