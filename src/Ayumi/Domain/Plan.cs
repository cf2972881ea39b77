namespace Ayumi.Domain;

/// <summary>The name of one level of a plan's tree (基本目標, 施策, 重点取組…), top first.</summary>
public sealed partial record PlanLevel(string Name, string? NameEn = null);

public enum EvaluationKind
{
    /// <summary>内部評価: by the organisation's own council.</summary>
    Internal,
    /// <summary>外部評価: by a committee of outside members.</summary>
    External,
}

public enum PlanStatus
{
    /// <summary>案: being drafted by the secretariat; not shown to the public, no year can be opened.</summary>
    Draft,
    /// <summary>策定済み: adopted and public; the latest published plan of an organisation is its current plan.</summary>
    Published,
}

/// <summary>
/// A council or committee that reviews the plan's progress (推進会議, 審議会…), named in the plan, with its members.
/// Kept with the plan (its name is unique in it); a member may be tied to a reviewer's account, whose comments and
/// evaluations then carry the body's name.
/// </summary>
public sealed record EvaluationBody(string Name, EvaluationKind Kind, string? Description, IReadOnlyList<EvaluationBodyMember>? Members = null)
{
    /// <summary>Bodies stored before members were kept have none.</summary>
    public IReadOnlyList<EvaluationBodyMember> Members { get; init; } = Members ?? [];

    public bool Equals(EvaluationBody? other) =>
        other is not null && Name == other.Name && Kind == other.Kind && Description == other.Description && Members.SequenceEqual(other.Members);

    public override int GetHashCode() => HashCode.Combine(Name, Kind, Description, Members.Count);
}

/// <summary>A member of an evaluation body: name, affiliation or role (所属・役職), and the reviewer account they use, if any.</summary>
public sealed record EvaluationBodyMember(string Name, string? Role, string? UserId = null);

/// <summary>
/// A recidivism-prevention plan (再犯防止推進計画) of one organisation: its generation, its
/// period in fiscal years, its tree of goals and policies, and its measures.
/// </summary>
public partial class Plan
{
    private readonly List<PlanNode> _nodes = [];
    private readonly List<Measure> _measures = [];
    private readonly List<Indicator> _indicators = [];
    private readonly List<ReportingYear> _reportingYears = [];

    private Plan() { Name = null!; Organisation = null!; }

    internal Plan(Organisation organisation, string name, int generation, FiscalYear periodStart, FiscalYear periodEnd)
    {
        if (generation < 1) throw new DomainException($"A plan's generation starts at 1 (第1次), not {generation}.", "domain.planGeneration", generation);
        if (periodEnd < periodStart) throw new DomainException($"The plan period ends ({periodEnd.ToJapanese()}) before it starts ({periodStart.ToJapanese()}).", "domain.planPeriod", periodEnd.ToJapanese(), periodStart.ToJapanese());
        Organisation = organisation;
        Name = name;
        Generation = generation;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
    }

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; }
    public string Name { get; private set; }
    /// <summary>1 for 第1次, 2 for 第二次…</summary>
    public int Generation { get; private set; }
    public FiscalYear PeriodStart { get; private set; }
    /// <summary>The last fiscal year of the plan, inclusive.</summary>
    public FiscalYear PeriodEnd { get; private set; }
    /// <summary>Plans read from documents are published; a plan drafted from another starts as a draft.</summary>
    public PlanStatus Status { get; private set; } = PlanStatus.Published;
    public int? PredecessorId { get; private set; }
    public Plan? Predecessor { get; private set; }
    /// <summary>The document the plan was read from.</summary>
    public string? Source { get; set; }
    /// <summary>基本理念.</summary>
    public string? BasicPhilosophy { get; set; }
    public List<PlanLevel> Levels { get; private set; } = [new("基本目標", "Goal"), new("施策", "Policy"), new("取組", "Measure")];
    public List<GradeDefinition> Grades { get; private set; } = [.. GradeScale.Default.Grades];
    public List<EvaluationBody> EvaluationBodies { get; private set; } = [];
    /// <summary>Footnotes and statements of the document that belong to no single item.</summary>
    public List<string> Notes { get; private set; } = [];
    /// <summary>The funding sources its budgets are split by (国庫, 県費…), in the order its sheets write them.</summary>
    public List<string> FundingSources { get; private set; } = [.. BudgetLine.DefaultSources];
    /// <summary>The progress sheet layout this plan's reports use by default (a <see cref="ReportTemplate"/> name).</summary>
    public string? ReportTemplateName { get; set; }
    /// <summary>The fields the departments' entry form asks for, as the secretariat chose them; null: those its layout prints.</summary>
    public EntryFields? ChosenEntryFields { get; private set; }
    public IReadOnlyCollection<PlanNode> Nodes => _nodes;
    public IReadOnlyCollection<Measure> Measures => _measures;
    public IReadOnlyCollection<Indicator> Indicators => _indicators;
    public IReadOnlyCollection<ReportingYear> ReportingYears => _reportingYears;

    public GradeScale GradeScale => new(Grades);

    /// <summary>
    /// Opens <paramref name="year"/> for the departments: every measure that still runs gets
    /// its yearly entry (a relisted measure once) with one part per responsible department,
    /// and this year's planned work is carried forward from last year's "next year's plan".
    /// An entry the year already has (imported, or typed in before) keeps its values, and each
    /// department's part starts from them (<see cref="YearlyEntry.StartParts"/>).
    /// </summary>
    /// <remarks>The secretariat's opening goes through <see cref="OpenYear(YearOpening, DateOnly, DateTimeOffset)"/>, which checks the year against the period and the deadline against today first.</remarks>
    /// <exception cref="DomainException">The year is already open or done, or a measure has no department to ask.</exception>
    internal ReportingYear OpenYear(FiscalYear year, DateOnly? deadline, DateTimeOffset at, string? outOfPeriodReason = null)
    {
        EnsureCanOpen(year);
        var reporting = new ReportingYear(this, year, ReportingStatus.Open, deadline, at, outOfPeriodReason);
        _reportingYears.Add(reporting);
        foreach (var measure in MeasuresAskedIn(year).Select(a => a.Measure))
        {
            var entry = measure.EntryFor(year);
            var previous = measure.Entries.FirstOrDefault(e => e.FiscalYear == year.Previous);
            entry.PlannedWork ??= previous?.NextYearPlan;
            entry.StartParts(measure.Departments.OrderBy(d => d.Order).ToList());
        }
        return reporting;
    }

    /// <summary>
    /// Records the years that were reported and published before Ayumi (a loaded document):
    /// those with reported work. Years that only carry targets (Komae's R7 and R8) are still
    /// to be reported.
    /// </summary>
    public void RecordPublishedYears() =>
        RecordPublishedYears(_measures.SelectMany(m => m.Entries).Where(e => e.HasReport).Select(e => e.FiscalYear));

    /// <summary>Records <paramref name="years"/> as published before Ayumi, as a backup of the plan lists them.</summary>
    public void RecordPublishedYears(IEnumerable<FiscalYear> years)
    {
        foreach (var year in years.Distinct().Order())
            if (_reportingYears.All(r => r.FiscalYear != year))
                _reportingYears.Add(new ReportingYear(this, year, ReportingStatus.Published, null, null));
    }

    /// <summary>The years the public may see.</summary>
    public IReadOnlyCollection<FiscalYear> PublishedYears =>
        _reportingYears.Where(r => r.Status == ReportingStatus.Published).Select(r => r.FiscalYear).ToList();

    /// <summary>
    /// The latest of <paramref name="years"/> in which a measure reported what was done (results, progress toward its target
    /// or a grade): the year a reader looks for. A later year that only carries plans and budgets (Miyagi's R6, read from the
    /// R5 sheet's columns for the next year) reports nothing yet. The latest of the years when none reports.
    /// </summary>
    public FiscalYear LatestReportedYear(IReadOnlyCollection<FiscalYear> years)
    {
        var reported = _measures.SelectMany(m => m.Entries).Where(e => e.Results is not null || e.Grade is not null || e.TargetProgress is not null)
            .Select(e => e.FiscalYear).ToHashSet();
        return years.Where(reported.Contains).DefaultIfEmpty(years.Max()).Max();
    }

    /// <summary>Whether <paramref name="year"/> lies within the plan's period (both ends included).</summary>
    public bool Covers(FiscalYear year) => PeriodStart <= year && year <= PeriodEnd;

    /// <summary>Adopts a draft: it becomes public, and as the organisation's latest published plan its current plan.</summary>
    /// <exception cref="DomainException">The plan is already published.</exception>
    public void Publish()
    {
        if (Status != PlanStatus.Draft) throw new DomainException($"{Name} is already published.", "error.planAlreadyPublished", Name);
        Status = PlanStatus.Published;
    }

    internal void MarkDraft() => Status = PlanStatus.Draft;

    /// <summary>第1次 / 第5次.</summary>
    public string GenerationLabel => $"第{Generation}次";

    /// <summary>令和6年度～令和8年度.</summary>
    public string PeriodLabel => $"{PeriodStart.ToJapanese()}～{PeriodEnd.ToJapanese()}";

    /// <summary>The number of levels above measures (goals and policies).</summary>
    public int NodeDepth => Levels.Count - 1;

    public void SetLevels(IEnumerable<PlanLevel> levels)
    {
        var list = levels.ToList();
        if (list.Count < 2) throw new DomainException("A plan's tree needs at least one level above its measures.", "domain.levelsTooFew");
        if (_nodes.Any(n => n.Depth >= list.Count - 1)) throw new DomainException("The plan already has nodes deeper than the new levels allow.", "domain.levelsTooShallow");
        Levels = list;
    }

    public void SetGradeScale(GradeScale scale) => Grades = [.. scale.Grades];

    public void FollowOn(Plan predecessor)
    {
        if (predecessor == this) throw new DomainException("A plan cannot be its own predecessor.", "planSettings.predecessorCycle");
        if (predecessor.Organisation != Organisation) throw new DomainException("A plan can only follow a plan of the same organisation.", "planSettings.predecessorElsewhere");
        Predecessor = predecessor;
    }

    public PlanNode AddNode(PlanNode? parent, string code, string title, string? description = null)
    {
        var depth = parent is null ? 0 : parent.Depth + 1;
        if (depth >= NodeDepth) throw new DomainException($"'{code}' would sit at the measure level ({Levels[^1].Name}); add it as a measure.", "domain.nodeTooDeep", code, Levels[^1].Name);
        if (_nodes.Any(n => n.Code == code)) throw new DomainException($"Code '{code}' is used twice in {Name}.", "domain.nodeCodeTwice", code, Name);
        var node = new PlanNode(this, parent, depth, code, title, description, _nodes.Count);
        _nodes.Add(node);
        return node;
    }

    public PlanNode? FindNode(string code) => _nodes.FirstOrDefault(n => n.Code == code);

    /// <summary>Refuses a change to the tree or the listings of a published plan: its structure is the adopted document's.</summary>
    /// <exception cref="DomainException">The plan is published.</exception>
    internal void EnsureDraft()
    {
        if (Status != PlanStatus.Draft) throw new DomainException($"{Name} is published; its structure is the adopted document's and cannot be edited.", "error.editPublished", Name);
    }

    /// <summary>The secretariat adds a goal or policy to a draft plan, under <paramref name="parent"/> or at the top.</summary>
    /// <exception cref="DomainException">The plan is published, the parent is another plan's, the code or title is empty or the code is taken, or the node would sit at the measure level.</exception>
    public PlanNode AddDraftNode(PlanNode? parent, string code, string title, string? description)
    {
        EnsureDraft();
        if (parent is not null && parent.Plan != this) throw new DomainException($"'{parent.Code}' belongs to another plan.", "domain.otherPlanNode", parent.Code);
        PlanNode.EnsureFilled(code, title);
        return AddNode(parent, code.Trim(), title.Trim(), string.IsNullOrWhiteSpace(description) ? null : description.Trim());
    }

    /// <summary>
    /// Adds a policy to sort the measures of a placeholder (<see cref="PlanNode.IsPlaceholder"/>) into,
    /// beside it; a published plan takes one only while it has such measures to sort.
    /// </summary>
    /// <exception cref="DomainException">The plan has no placeholder, or the code or title is empty or the code is taken.</exception>
    public PlanNode AddPolicyForUnplaced(string code, string title)
    {
        if (_nodes.FirstOrDefault(n => n.IsPlaceholder) is not { } placeholder)
            throw new DomainException($"{Name} has no measures imported without a policy.", "domain.noPlaceholder", Name);
        PlanNode.EnsureFilled(code, title);
        return AddNode(placeholder.Parent, code.Trim(), title.Trim());
    }

    /// <summary>Takes an empty goal or policy out of a draft plan, or an emptied placeholder out of any plan.</summary>
    /// <exception cref="DomainException">The plan is published (and the node no placeholder), or the node still holds nodes, measures or indicators.</exception>
    public void RemoveNode(PlanNode node)
    {
        if (!node.IsPlaceholder) EnsureDraft();
        if (node.Plan != this) throw new DomainException($"'{node.Code}' belongs to another plan.", "domain.otherPlanNode", node.Code);
        if (node.Children.Count > 0) throw new DomainException($"'{node.Code}' still holds {node.Children.Count} goals or policies.", "error.nodeHasChildren", node.Code);
        if (_measures.Any(m => m.Placements.Any(p => p.Node == node))) throw new DomainException($"'{node.Code}' still holds measures; move or remove them first.", "error.nodeHasMeasures", node.Code);
        if (_indicators.Any(i => i.Node == node)) throw new DomainException($"'{node.Code}' still has indicators attached.", "error.nodeHasIndicators", node.Code);
        node.Parent?.Detach(node);
        _nodes.Remove(node);
    }

    /// <summary>
    /// Adds a measure written on screen, keyed as the plan's own numbering keys it: a plan that
    /// restarts its numbers under each policy (Ena's 1, 2… under (1), (2)…) keys <c>(1)-3</c>, so
    /// that the new measure reads by its full position like its neighbours. Needs the measures' placements and nodes.
    /// </summary>
    public Measure AddMeasure(PlanNode parent, string code, string title, string? description) =>
        AddMeasure(RestartsNumbering ? $"{parent.Code}-{code}" : code, parent, code, title, description);

    private bool RestartsNumbering => _measures.Any(m => m.PrimaryPlacement is { Node: { } node } p && m.Key == $"{node.Code}-{p.Code}");

    public Measure AddMeasure(string key, PlanNode parent, string code, string title, string? description)
    {
        if (parent.Plan != this) throw new DomainException($"'{parent.Code}' belongs to another plan.", "domain.otherPlanNode", parent.Code);
        if (parent.Depth != NodeDepth - 1) throw new DomainException($"Measure '{code}' must be listed under a {Levels[^2].Name}, not under a {Levels[parent.Depth].Name}.", "domain.measureLevel", code, Levels[^2].Name, Levels[parent.Depth].Name);
        if (MeasureKeys().Contains(key) && _measures.Any(m => m.Key == key)) throw new DomainException($"Measure key '{key}' is used twice in {Name}.", "domain.measureKeyTwice", key, Name);
        var measure = new Measure(this, key, title, description);
        measure.ListUnder(parent, code, isRelisting: false);
        _measures.Add(measure);
        _measureKeys!.Add(key);
        return measure;
    }

    /// <summary>
    /// The measures' keys, so that adding 10,000 measures is not 50 million comparisons. EF Core
    /// fills <see cref="_measures"/> behind the plan's back, so the set is rebuilt when the counts
    /// differ; a hit is confirmed against the list before a key is refused.
    /// </summary>
    private HashSet<string> MeasureKeys()
    {
        if (_measureKeys is null || _measureKeys.Count != _measures.Count) _measureKeys = _measures.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        return _measureKeys;
    }

    private HashSet<string>? _measureKeys;

    public Measure? FindMeasure(string key) => _measures.FirstOrDefault(m => m.Key == key);

    /// <summary>
    /// Takes a measure out of a draft plan, with its listings and its lineage links (which are
    /// returned, to be deleted with it): the earlier plan's measure then reads as ended in the
    /// comparison. A published plan keeps its measures; they end instead.
    /// </summary>
    /// <exception cref="DomainException">The plan is published, the measure belongs to another plan, or it has yearly entries.</exception>
    public IReadOnlyList<MeasureLineage> RemoveMeasure(Measure measure)
    {
        if (Status != PlanStatus.Draft) throw new DomainException($"{Name} is published; end the measure instead of removing it.", "error.removeFromPublished", Name);
        if (measure.Plan != this) throw new DomainException($"'{measure.Title}' belongs to another plan.", "domain.otherPlanMeasure", measure.Title);
        if (measure.Entries.Count > 0) throw new DomainException($"'{measure.Title}' already has yearly entries.", "error.measureHasEntries", measure.Title);
        var links = measure.Origins.Concat(measure.Continuations).ToList();
        foreach (var link in links) link.From.Unlink(link);
        _measures.Remove(measure);
        _measureKeys = null;
        return links;
    }

    /// <summary>
    /// Copies this plan's tree, running measures (listings, relistings, departments) and
    /// indicators into <paramref name="draft"/>; each copied node keeps its origin and each
    /// copied measure is linked as continued from the draft's first year. Measures that have
    /// ended or been discontinued by then are not carried over, nor are yearly entries, indicator
    /// targets and actuals: they belong to this plan's years, and the draft sets its own.
    /// </summary>
    internal void CopyInto(Plan draft)
    {
        var nodes = new Dictionary<PlanNode, PlanNode>();
        foreach (var node in _nodes.OrderBy(n => n.Depth).ThenBy(n => n.Order))
        {
            var copy = draft.AddNode(node.Parent is null ? null : nodes[node.Parent], node.Code, node.Title, node.Description);
            copy.DeriveFrom(node);
            nodes[node] = copy;
        }
        var measures = new Dictionary<Measure, Measure>();
        foreach (var measure in _measures.Where(m => m.Status == MeasureStatus.Active && m.RunsIn(draft.PeriodStart)))
        {
            var primary = measure.PrimaryPlacement;
            var copy = draft.AddMeasure(measure.Key, nodes[primary.Node], primary.Code, measure.Title, measure.Description);
            copy.Objective = measure.Objective;
            copy.IsPrefectureRun = measure.IsPrefectureRun;
            foreach (var relisting in measure.Placements.Where(p => p.IsRelisting))
                copy.ListUnder(nodes[relisting.Node], relisting.Code, isRelisting: true, relisting.ListedTitle, relisting.ListedDescription);
            foreach (var department in measure.Departments.OrderBy(d => d.Order))
                copy.AssignDepartment(department.Department, department.WrittenAs);
            measure.LinkTo(copy, LineageKind.Continued, draft.PeriodStart);
            measures[measure] = copy;
        }
        var indicators = new Dictionary<Indicator, Indicator>();
        foreach (var indicator in _indicators.Where(i => !i.IsArchived).OrderBy(i => i.Order))
        {
            var copy = draft.AddIndicator(indicator.Code, indicator.Name, indicator.Unit);
            indicators[indicator] = copy;
            copy.SetKind(indicator.Kind);
            copy.SetDecimalPlaces(indicator.DecimalPlaces);
            copy.MonitorOnly(indicator.IsMonitoringOnly);
            copy.TakeRatioOf(indicator.RatioBasis);
            copy.Direction = indicator.Direction;
            copy.SourceNote = indicator.SourceNote;
            copy.CompareWith(indicator.ComparisonLabel);
            if (indicator.Node is { } node) copy.AttachTo(nodes[node]);
            else if (indicator.Measure is { } attached && measures.TryGetValue(attached, out var carried)) copy.AttachTo(carried);
            if (indicator.Owner is { } owner) copy.AssignOwner(owner);
            if (indicator.BaselineFrom is { } from) copy.SetBaseline(from, indicator.BaselineTo, indicator.BaselineValue, indicator.BaselineNote);
        }
        // Ratios once every indicator has its copy: a ratio may be listed before its parts.
        foreach (var (indicator, copy) in indicators)
            if (indicator is { Numerator: { } numerator, Denominator: { } denominator, RatioScale: { } scale })
                copy.DeriveAsRatio(indicators[numerator], indicators[denominator], scale);
    }

    /// <summary>
    /// The secretariat takes an indicator away, saying why: one without actuals is deleted (the reason goes to the
    /// audit trail with the deleted row), one with actuals is archived, kept with them in the history and exports.
    /// </summary>
    /// <returns>True when archived, false when deleted.</returns>
    /// <exception cref="DomainException">No reason, or another indicator is its ratio's part.</exception>
    public bool RemoveIndicator(Indicator indicator, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException($"Indicator {indicator.Code}: say why it is deleted.", "indicator.reasonMissing", indicator.Code);
        if (_indicators.FirstOrDefault(i => i != indicator && !i.IsArchived && (i.Numerator == indicator || i.Denominator == indicator)) is { } ratio)
            throw new DomainException($"Indicator {indicator.Code} is a part of the ratio {ratio.Code}.", "indicator.partOfRatio", indicator.Code, ratio.Code);
        if (indicator.Actuals.Count > 0 || _indicators.Any(i => i.Numerator == indicator || i.Denominator == indicator))
        {
            indicator.Archive(reason.Trim());
            return true;
        }
        _indicators.Remove(indicator);
        return false;
    }

    public Indicator AddIndicator(string code, string name, string unit)
    {
        if (_indicators.Any(i => i.Code == code)) throw new DomainException($"Indicator code '{code}' is used twice in {Name}.", "domain.indicatorCodeTwice", code, Name);
        var indicator = new Indicator(this, code, name, unit, _indicators.Count);
        _indicators.Add(indicator);
        return indicator;
    }
}

/// <summary>A goal or policy of a plan: one node of its tree above the measures.</summary>
public class PlanNode
{
    private readonly List<PlanNode> _children = [];

    private PlanNode() { Code = null!; Title = null!; Plan = null!; }

    internal PlanNode(Plan plan, PlanNode? parent, int depth, string code, string title, string? description, int order)
    {
        Plan = plan;
        Parent = parent;
        Depth = depth;
        Code = code;
        Title = title;
        Description = description;
        Order = order;
        parent?._children.Add(this);
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; }
    public int? ParentId { get; private set; }
    public PlanNode? Parent { get; private set; }
    /// <summary>0 for the top level (goal).</summary>
    public int Depth { get; private set; }
    /// <summary>The code as the source writes it: 1, (1), 1-1, 行動7, ア.</summary>
    public string Code { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    /// <summary>Position in the source document, used where codes do not decide.</summary>
    public int Order { get; private set; }
    public IReadOnlyCollection<PlanNode> Children => _children;
    /// <summary>
    /// A node the importer made for the measures of a sheet that names no policy, called after the
    /// sheet: not part of the adopted document, so its measures can be sorted into policies
    /// afterwards, in a published plan too (<see cref="Plan.AddPolicyForUnplaced"/>, <see cref="Measure.MoveTo"/>).
    /// </summary>
    public bool IsPlaceholder { get; internal set; }
    public int? OriginId { get; private set; }
    /// <summary>The goal or policy of an earlier plan this one continues, under its old code when renumbered (1 → 2).</summary>
    public PlanNode? Origin { get; private set; }

    /// <summary>Records that this node continues <paramref name="origin"/> of an earlier plan of the same organisation.</summary>
    /// <exception cref="DomainException">The origin belongs to this plan or to another organisation.</exception>
    public void DeriveFrom(PlanNode origin)
    {
        if (origin.Plan == Plan) throw new DomainException($"'{Code}' cannot continue a node of its own plan.", "domain.nodeOriginOwnPlan", Code);
        if (origin.Plan.Organisation != Plan.Organisation) throw new DomainException($"'{origin.Code}' belongs to another organisation.", "domain.otherOrganisationNode", origin.Code);
        Origin = origin;
    }

    /// <summary>Renames the goal or policy of a draft; its origin stays, so the comparison shows it reworded.</summary>
    /// <exception cref="DomainException">The plan is published or the title is empty.</exception>
    public void Rename(string title, string? description)
    {
        Plan.EnsureDraft();
        EnsureFilled(Code, title);
        Title = title.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    /// <summary>Gives the goal or policy of a draft another code; its origin stays, so the comparison shows it renumbered.</summary>
    /// <exception cref="DomainException">The plan is published, the code is empty or another node of the plan has it.</exception>
    public void Renumber(string code)
    {
        Plan.EnsureDraft();
        EnsureFilled(code, Title);
        if (Plan.Nodes.Any(n => n != this && n.Code == code.Trim())) throw new DomainException($"Code '{code.Trim()}' is used twice in {Plan.Name}.", "domain.nodeCodeTwice", code.Trim(), Plan.Name);
        Code = code.Trim();
    }

    internal static void EnsureFilled(string code, string title)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException("A goal or policy needs a code.", "error.nodeCode");
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("A goal or policy needs a title.", "error.nodeTitle");
    }

    internal void Detach(PlanNode child) => _children.Remove(child);

    public MeasureCode? ParsedCode => MeasureCode.TryParse(Code, out var c) ? c : null;
}
