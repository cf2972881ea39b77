namespace Ayumi.Domain;

public enum MeasureStatus
{
    Active,
    /// <summary>事業終期: the measure ran its planned course.</summary>
    Ended,
    /// <summary>廃止: stopped before its planned end.</summary>
    Discontinued,
    /// <summary>組替: folded into another measure (its successor).</summary>
    Reorganised,
}

/// <summary>
/// A measure (取組, 事業): the unit whose progress is tracked year by year. It is listed
/// under one policy and may be relisted (再掲) under others; it counts once everywhere.
/// </summary>
public class Measure
{
    private readonly List<MeasurePlacement> _placements = [];
    private readonly List<MeasureDepartment> _departments = [];
    private readonly List<YearlyEntry> _entries = [];
    private readonly List<MeasureSuccession> _predecessors = [];

    private Measure() { Key = null!; Title = null!; Plan = null!; }

    internal Measure(Plan plan, string key, string title, string? description)
    {
        Plan = plan;
        Key = key;
        Title = title;
        Description = description;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; }
    /// <summary>Unique within the plan; the primary listing's code unless the code repeats (Ena's numbers restart per policy).</summary>
    public string Key { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    /// <summary>取組: what the measure sets out to do (Komae).</summary>
    public string? Objective { get; set; }
    /// <summary>【県事業】: run by the prefecture, listed by a municipality.</summary>
    public bool IsPrefectureRun { get; set; }
    /// <summary>【新】: new in this plan.</summary>
    public bool IsNew { get; set; }
    public MeasureStatus Status { get; private set; }
    /// <summary>The first fiscal year in which the measure no longer runs.</summary>
    public FiscalYear? EndedIn { get; private set; }
    /// <summary>The lifecycle as the source words it: 事業終期のため、R3以降廃止.</summary>
    public string? LifecycleNote { get; private set; }
    public int? NextPlanMeasureId { get; private set; }
    /// <summary>The measure of the next plan that continues this one.</summary>
    public Measure? NextPlanMeasure { get; private set; }
    public IReadOnlyCollection<MeasurePlacement> Placements => _placements;
    public IReadOnlyCollection<MeasureDepartment> Departments => _departments;
    public IReadOnlyCollection<YearlyEntry> Entries => _entries;
    /// <summary>The measures this one succeeds (後継事業).</summary>
    public IReadOnlyCollection<MeasureSuccession> Predecessors => _predecessors;

    public MeasurePlacement PrimaryPlacement => _placements.Single(p => !p.IsRelisting);

    public bool IsRelisted => _placements.Any(p => p.IsRelisting);

    public bool RunsIn(FiscalYear year) => EndedIn is null || year < EndedIn.Value;

    /// <summary>Rewords the measure, e.g. when a later edition of the sheet renames it.</summary>
    public void Rewrite(string title, string? description)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("A measure needs a title.");
        Title = title.Trim();
        Description = description;
    }

    public MeasurePlacement ListUnder(PlanNode node, string code, bool isRelisting, string? listedTitle = null, string? listedDescription = null)
    {
        if (!isRelisting && _placements.Any(p => !p.IsRelisting)) throw new DomainException($"'{Title}' already has its primary listing; a further listing is a relisting (再掲).");
        if (_placements.Any(p => p.Node == node)) throw new DomainException($"'{Title}' is already listed under '{node.Code}'.");
        var placement = new MeasurePlacement(this, node, code, isRelisting, listedTitle, listedDescription);
        _placements.Add(placement);
        return placement;
    }

    public void AssignDepartment(Department department, string? writtenAs = null)
    {
        if (department.Organisation != Plan.Organisation) throw new DomainException($"{department.Name} belongs to another organisation.");
        if (_departments.Any(d => d.Department == department)) return;
        _departments.Add(new MeasureDepartment(department, _departments.Count, writtenAs));
    }

    public YearlyEntry EntryFor(FiscalYear year)
    {
        var entry = _entries.FirstOrDefault(e => e.FiscalYear == year);
        if (entry is null)
        {
            entry = new YearlyEntry(this, year);
            _entries.Add(entry);
        }
        return entry;
    }

    public void End(MeasureStatus status, FiscalYear? endedIn, string? note)
    {
        if (status == MeasureStatus.Active) throw new DomainException("Use a status other than active to end a measure.");
        Status = status;
        EndedIn = endedIn;
        LifecycleNote = note;
    }

    public void Succeed(Measure predecessor, string? note = null)
    {
        if (predecessor == this) throw new DomainException($"'{Title}' cannot succeed itself.");
        if (predecessor.Plan != Plan) throw new DomainException("A successor (後継事業) must belong to the same plan; use the next-plan mapping across plans.");
        if (_predecessors.Any(p => p.Predecessor == predecessor)) return;
        _predecessors.Add(new MeasureSuccession(predecessor, this, note));
    }

    public void ContinueIn(Measure nextPlanMeasure)
    {
        if (nextPlanMeasure.Plan == Plan) throw new DomainException("The next-plan measure must belong to another plan.");
        NextPlanMeasure = nextPlanMeasure;
    }
}

/// <summary>Where a measure is listed in its plan's tree, with the code it carries there.</summary>
public class MeasurePlacement
{
    private MeasurePlacement() { Code = null!; Measure = null!; Node = null!; }

    internal MeasurePlacement(Measure measure, PlanNode node, string code, bool isRelisting, string? listedTitle, string? listedDescription)
    {
        Measure = measure;
        Node = node;
        Code = code;
        IsRelisting = isRelisting;
        ListedTitle = listedTitle;
        ListedDescription = listedDescription;
    }

    public int Id { get; private set; }
    public int MeasureId { get; private set; }
    public Measure Measure { get; private set; }
    public int NodeId { get; private set; }
    public PlanNode Node { get; private set; }
    public string Code { get; private set; }
    /// <summary>再掲: this listing repeats a measure listed elsewhere.</summary>
    public bool IsRelisting { get; private set; }
    /// <summary>The title as this listing writes it, when it differs from the measure's (精神保健福祉に関する相談※再掲).</summary>
    public string? ListedTitle { get; private set; }
    public string? ListedDescription { get; private set; }

    public MeasureCode? ParsedCode => MeasureCode.TryParse(Code, out var c) ? c : null;
}

/// <summary>A department responsible for a measure, in the order the source names them.</summary>
public class MeasureDepartment
{
    private MeasureDepartment() { Department = null!; }

    internal MeasureDepartment(Department department, int order, string? writtenAs)
    {
        Department = department;
        Order = order;
        WrittenAs = writtenAs;
    }

    public int MeasureId { get; private set; }
    public int DepartmentId { get; private set; }
    public Department Department { get; private set; }
    public int Order { get; private set; }
    /// <summary>The department as the source wrote it, when it differs from its name (社会福祉課(団体指導班)).</summary>
    public string? WrittenAs { get; private set; }
}

/// <summary>後継事業: <see cref="Successor"/> carries on the work of <see cref="Predecessor"/> within one plan.</summary>
public class MeasureSuccession
{
    private MeasureSuccession() { Predecessor = null!; Successor = null!; }

    internal MeasureSuccession(Measure predecessor, Measure successor, string? note)
    {
        Predecessor = predecessor;
        Successor = successor;
        Note = note;
    }

    public int PredecessorId { get; private set; }
    public Measure Predecessor { get; private set; }
    public int SuccessorId { get; private set; }
    public Measure Successor { get; private set; }
    public string? Note { get; private set; }
}
