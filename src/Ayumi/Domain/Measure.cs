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
public partial class Measure
{
    private readonly List<MeasurePlacement> _placements = [];
    private readonly List<MeasureDepartment> _departments = [];
    private readonly List<YearlyEntry> _entries = [];
    private readonly List<MeasureLineage> _origins = [];
    private readonly List<MeasureLineage> _continuations = [];

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
    public IReadOnlyCollection<MeasurePlacement> Placements => _placements;
    public IReadOnlyCollection<MeasureDepartment> Departments => _departments;
    public IReadOnlyCollection<YearlyEntry> Entries => _entries;
    /// <summary>The links from the measures this one carries on (this is their <see cref="MeasureLineage.To"/>).</summary>
    public IReadOnlyCollection<MeasureLineage> Origins => _origins;
    /// <summary>The links to the measures that carry this one on (this is their <see cref="MeasureLineage.From"/>).</summary>
    public IReadOnlyCollection<MeasureLineage> Continuations => _continuations;

    /// <summary>The measures of the same plan this one succeeds (後継事業); only those whose links were loaded with their <see cref="MeasureLineage.From"/>.</summary>
    public IEnumerable<Measure> Predecessors => _origins.Where(l => l.Kind == LineageKind.Succeeded && l.From is not null && InSamePlan(l.From)).Select(l => l.From);

    /// <summary>The measure of another plan that carries this one on (the first, when it was split); null when none does or the links are not loaded.</summary>
    public Measure? NextPlanMeasure => _continuations.Where(l => l.To is not null && !InSamePlan(l.To)).Select(l => l.To).FirstOrDefault();

    /// <summary>By reference while the graph is in memory (ids are 0), by id when it was read without the other measure's plan.</summary>
    private bool InSamePlan(Measure other) => ReferenceEquals(other.Plan, Plan) || (other.PlanId != 0 && other.PlanId == PlanId);

    public MeasurePlacement PrimaryPlacement => _placements.Single(p => !p.IsRelisting);

    /// <summary>
    /// The measure named by its full position, as lists, messages and mails name it:
    /// <c>(1)-1 協力雇用主の支援・拡大及び求人情報の提供</c>. Needs the primary listing's node.
    /// </summary>
    /// <param name="titleLength">Shortens the title to this many characters with …, for a list in one sentence.</param>
    public string PositionName(int? titleLength = null)
    {
        var title = titleLength is { } length && Title.Length > length ? Title[..length] + "…" : Title;
        return $"{PrimaryPlacement.FullCode} {title}";
    }

    public bool IsRelisted => _placements.Any(p => p.IsRelisting);

    public bool RunsIn(FiscalYear year) => EndedIn is null || year < EndedIn.Value;

    /// <summary>Rewords the measure, e.g. when a later edition of the sheet renames it.</summary>
    public void Rewrite(string title, string? description)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("A measure needs a title.", "error.measureTitle");
        Title = title.Trim();
        Description = description;
    }

    public MeasurePlacement ListUnder(PlanNode node, string code, bool isRelisting, string? listedTitle = null, string? listedDescription = null)
    {
        if (!isRelisting && _placements.Any(p => !p.IsRelisting)) throw new DomainException($"'{Title}' already has its primary listing; a further listing is a relisting (再掲).", "domain.secondPrimaryListing", Title);
        if (_placements.Any(p => p.Node == node)) throw new DomainException($"'{Title}' is already listed under '{node.Code}'.", "domain.listedTwice", Title, node.Code);
        var placement = new MeasurePlacement(this, node, code, isRelisting, listedTitle, listedDescription);
        _placements.Add(placement);
        return placement;
    }

    /// <summary>
    /// Moves the primary listing of a measure of a draft plan under another policy of the plan,
    /// with <paramref name="code"/> there; its key, relistings and lineage stay. A measure imported
    /// without a policy (under a placeholder) moves into a policy in a published plan too.
    /// </summary>
    /// <exception cref="DomainException">
    /// The plan is published (and the move is not out of a placeholder into a policy), the node is
    /// another plan's or not at the level above the measures, the measure is relisted under it,
    /// the code is empty, or another measure has the code there.
    /// </exception>
    public void MoveTo(PlanNode node, string code)
    {
        if (!PrimaryPlacement.Node.IsPlaceholder || node.IsPlaceholder) Plan.EnsureDraft();
        if (node.Plan != Plan) throw new DomainException($"'{node.Code}' belongs to another plan.", "domain.otherPlanNode", node.Code);
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException("A measure needs a code where it is listed.", "error.measureCode");
        code = code.Trim();
        if (node.Depth != Plan.NodeDepth - 1) throw new DomainException($"Measure '{code}' must be listed under a {Plan.Levels[^2].Name}, not under a {Plan.Levels[node.Depth].Name}.", "domain.measureLevel", code, Plan.Levels[^2].Name, Plan.Levels[node.Depth].Name);
        var primary = PrimaryPlacement;
        if (_placements.Any(p => p != primary && p.Node == node)) throw new DomainException($"'{Title}' is already listed under '{node.Code}'.", "domain.listedTwice", Title, node.Code);
        if (Plan.Measures.Any(m => m != this && m.Placements.Any(p => p.Node == node && p.Code == code)))
            throw new DomainException($"'{node.Code}' already lists a measure numbered '{code}'.", "error.measureCodeUnderNode", code, node.Code);
        primary.Move(node, code);
    }

    /// <summary>
    /// Sets the departments responsible for a measure of a draft plan, in order; those kept keep
    /// how the source wrote them. An empty list leaves the measure without departments, as the domain allows elsewhere.
    /// </summary>
    /// <exception cref="DomainException">The plan is published or a department is another organisation's.</exception>
    public void SetDepartments(IReadOnlyList<Department> departments)
    {
        Plan.EnsureDraft();
        var chosen = departments.Distinct().ToList();
        foreach (var department in chosen)
            if (department.Organisation != Plan.Organisation) throw new DomainException($"{department.Name} belongs to another organisation.", "domain.otherOrganisationDepartment", department.Name);
        _departments.RemoveAll(d => !chosen.Contains(d.Department));
        foreach (var department in chosen)
            if (_departments.All(d => d.Department != department)) _departments.Add(new MeasureDepartment(department, 0, null));
        foreach (var assigned in _departments) assigned.Reorder(chosen.IndexOf(assigned.Department));
        _departments.Sort((a, b) => a.Order.CompareTo(b.Order));
    }

    public void AssignDepartment(Department department, string? writtenAs = null)
    {
        if (department.Organisation != Plan.Organisation) throw new DomainException($"{department.Name} belongs to another organisation.", "domain.otherOrganisationDepartment", department.Name);
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

    /// <summary>
    /// Undoes the opening of <paramref name="year"/> for this measure (<see cref="Plan.WithdrawYear"/>): its parts go, and the
    /// entry too when it holds nothing but what the opening gave it.
    /// </summary>
    internal void WithdrawEntry(FiscalYear year)
    {
        if (_entries.FirstOrDefault(e => e.FiscalYear == year) is not { } entry) return;
        entry.DropParts();
        var carried = _entries.FirstOrDefault(e => e.FiscalYear == year.Previous)?.NextYearPlan;
        if (entry.HoldsNothingBut(carried)) _entries.Remove(entry);
    }

    public void End(MeasureStatus status, FiscalYear? endedIn, string? note)
    {
        if (status == MeasureStatus.Active) throw new DomainException("Use a status other than active to end a measure.", "domain.endAsActive");
        Status = status;
        EndedIn = endedIn;
        LifecycleNote = note;
    }

    /// <summary>
    /// Records that <paramref name="to"/> carries this measure on from <paramref name="effectiveIn"/>:
    /// in the next plan (continued, renamed, merged, split, succeeded) or within the same plan
    /// (後継事業). Links of several measures into one are a merge; of one into several, a split.
    /// </summary>
    /// <exception cref="DomainException">
    /// The link points at the measure itself, at a measure of another organisation, repeats a link,
    /// would close a cycle (the target already leads back here), takes effect outside both
    /// plans' periods, or carries a note longer than <see cref="MeasureLineage.NoteLength"/> characters.
    /// </exception>
    public MeasureLineage LinkTo(Measure to, LineageKind kind, FiscalYear effectiveIn, string? note = null)
    {
        if (to == this) throw new DomainException($"'{Title}' cannot carry on itself.", "lineage.self", Title);
        if (to.Plan.Organisation != Plan.Organisation) throw new DomainException($"'{to.Title}' belongs to another organisation.", "lineage.otherOrganisation", to.Title);
        if (_continuations.Any(l => l.To == to)) throw new DomainException($"'{Title}' is already linked to '{to.Title}'.", "lineage.duplicate", Title, to.Title);
        if (!Plan.Covers(effectiveIn) && !to.Plan.Covers(effectiveIn))
            throw new DomainException($"{effectiveIn.ToJapanese()} lies outside both plans' periods ({Plan.PeriodLabel}, {to.Plan.PeriodLabel}).", "lineage.outOfPeriod",
                effectiveIn.ToJapanese(), Plan.PeriodLabel, to.Plan.PeriodLabel);
        if (note?.Trim().Length > MeasureLineage.NoteLength)
            throw new DomainException($"A lineage note has at most {MeasureLineage.NoteLength} characters.", "lineage.noteTooLong", MeasureLineage.NoteLength);
        if (to.Leads(this)) throw new DomainException($"'{to.Title}' already leads back to '{Title}'; the link would make a cycle.", "lineage.cycle", to.Title, Title);
        var link = new MeasureLineage(this, to, kind, effectiveIn, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        _continuations.Add(link);
        to._origins.Add(link);
        return link;
    }

    /// <summary>The link from this measure to <paramref name="to"/>, or null.</summary>
    public MeasureLineage? LinkBetween(Measure to) => _continuations.FirstOrDefault(l => l.To == to);

    /// <summary>Removes a link recorded by mistake.</summary>
    public void Unlink(MeasureLineage link)
    {
        if (link.From != this) throw new DomainException($"The link does not start at '{Title}'.", "domain.linkElsewhere", Title);
        _continuations.Remove(link);
        link.To._origins.Remove(link);
    }

    /// <summary>Whether following the continuations from this measure reaches <paramref name="target"/> (over the links loaded).</summary>
    private bool Leads(Measure target)
    {
        var seen = new HashSet<Measure>();
        var queue = new Queue<Measure>([this]);
        while (queue.TryDequeue(out var measure))
        {
            if (measure == target) return true;
            if (!seen.Add(measure)) continue;
            foreach (var link in measure._continuations) queue.Enqueue(link.To);
        }
        return false;
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

    /// <summary>
    /// The code that says where the measure stands in the whole plan, in the plan's own style.
    /// A code that already runs down from its policy's (<c>1-(1)-①</c> under <c>1-(1)</c>, <c>1-1-1</c>,
    /// <c>行動7-ア-1</c>) or that the plan numbers once throughout (Miyagi's 1–44) is itself;
    /// a number that restarts under each policy (Ena's 1, 2, 3 under (1), (2)…) is joined to the
    /// policy's code: <c>(1)-1</c>. A plan that restarts its numbers keys its measures that way
    /// (the importer's rule), which is how the two plain-number styles are told apart. Needs <see cref="Node"/>.
    /// </summary>
    public string FullCode
    {
        get
        {
            var node = Node.Code;
            if (Code.StartsWith(node, StringComparison.Ordinal) && Code.Length > node.Length) return Code;
            return Measure.Key != Code && Measure.Key.EndsWith($"-{Code}", StringComparison.Ordinal) ? $"{node}-{Code}" : Code;
        }
    }

    /// <summary><see cref="FullCode"/> read as a code, so that lists sort by position in the whole plan: (1)-2 before (2)-1.</summary>
    public MeasureCode? ParsedFullCode => MeasureCode.TryParse(FullCode, out var c) ? c : null;

    internal void Move(PlanNode node, string code) => (Node, Code) = (node, code);
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

    internal void Reorder(int order) => Order = order;
}

public enum LineageKind
{
    /// <summary>継続: the same measure carried on, e.g. into the next plan.</summary>
    Continued,
    /// <summary>名称変更: carried on under another name.</summary>
    Renamed,
    /// <summary>統合: one of several measures merged into one (one link from each).</summary>
    Merged,
    /// <summary>分割: one measure split into several (one link to each).</summary>
    Split,
    /// <summary>後継事業・組替: the work is carried on by a successor measure.</summary>
    Succeeded,
}

/// <summary>
/// One step of a measure's lineage: <see cref="To"/> carries on <see cref="From"/> from the
/// fiscal year <see cref="EffectiveIn"/>, in the same plan or a later one. Measures that end
/// without a successor keep their <see cref="Measure.Status"/> and <see cref="Measure.EndedIn"/>;
/// measures new in a plan are those no link leads to (<see cref="Measure.IsNew"/> where the
/// source marks them).
/// </summary>
public class MeasureLineage
{
    /// <summary>The longest note, in characters.</summary>
    public const int NoteLength = 500;

    private MeasureLineage() { From = null!; To = null!; }

    internal MeasureLineage(Measure from, Measure to, LineageKind kind, FiscalYear effectiveIn, string? note)
    {
        From = from;
        To = to;
        Kind = kind;
        EffectiveIn = effectiveIn;
        Note = note;
    }

    public int Id { get; private set; }
    public int FromId { get; private set; }
    public Measure From { get; private set; }
    public int ToId { get; private set; }
    public Measure To { get; private set; }
    public LineageKind Kind { get; private set; }
    /// <summary>The first fiscal year in which <see cref="To"/> carries the work; within the period of one of the two measures' plans.</summary>
    public FiscalYear EffectiveIn { get; private set; }
    public string? Note { get; private set; }
}
