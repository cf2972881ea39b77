using Ayumi.Domain;

namespace Ayumi.Features.PlanFiles;

// The JSON shape of docs/plan-file-format.md. Kept apart from the domain types so that the
// file format stays stable while the model grows.

public sealed record PlanFile(
    string Format,
    int FormatVersion,
    PlanFileOrganisation Organisation,
    List<PlanFileDepartment> Departments,
    List<PlanFilePlan> Plans,
    bool? Backup = null)
{
    public const string FormatName = "ayumi-plan";
    public const int CurrentVersion = 1;
}

public sealed record PlanFileOrganisation(string Code, string Name, string Kind);

public sealed record PlanFileDepartment(List<string> Path, List<string>? Aliases = null);

public sealed record PlanFilePlan(
    string Name,
    int Generation,
    FiscalYear PeriodStart,
    FiscalYear PeriodEnd,
    List<PlanLevel> Levels,
    List<PlanFileNode> Nodes,
    List<PlanFileMeasure> Measures,
    string? Predecessor = null,
    string? Source = null,
    string? BasicPhilosophy = null,
    List<GradeDefinition>? GradeScale = null,
    List<PlanFileEvaluationBody>? EvaluationBodies = null,
    List<string>? Notes = null,
    List<PlanFileIndicator>? Indicators = null,
    string? Status = null,
    List<FiscalYear>? PublishedYears = null);

public sealed record PlanFileEvaluationBody(string Name, string Kind, string? Description = null);

public sealed record PlanFileNode(string Code, string Title, string? Description = null, List<PlanFileNode>? Children = null, PlanFileNodeRef? Origin = null);

public sealed record PlanFileNodeRef(string Plan, string Code);

public sealed record PlanFileMeasure(
    string Key,
    string Code,
    string Parent,
    string Title,
    string? Description = null,
    string? Objective = null,
    List<string>? Departments = null,
    bool PrefectureRun = false,
    bool IsNew = false,
    List<PlanFileRelisting>? Relistings = null,
    PlanFileLifecycle? Lifecycle = null,
    List<PlanFileEntry>? Entries = null,
    List<PlanFileLineage>? Lineage = null,
    PlanFileTagging? PriorityIssues = null);

/// <summary>
/// The national plan's priority issues a measure serves (docs/priority-issues.md). Without
/// <paramref name="ConfirmedBy"/> they are suggestions, which a person still confirms.
/// </summary>
public sealed record PlanFileTagging(List<PlanFileTag> Tags, string? ConfirmedBy = null, DateTimeOffset? ConfirmedAt = null);

/// <param name="Issue">1–7.</param>
/// <param name="Area">A sub-area's code in the reference tree (1-1), or none for the issue as a whole.</param>
public sealed record PlanFileTag(int Issue, string? Area = null);

public sealed record PlanFileRelisting(string Code, string Parent, string? Title = null, string? Description = null);

/// <param name="SuccessorOf">Files written before lineage links: read as 後継事業 links into this measure; never written.</param>
/// <param name="NextPlanMeasure">Files written before lineage links: read as a continued link; never written.</param>
public sealed record PlanFileLifecycle(string Status, FiscalYear? EndedIn = null, string? Note = null, List<string>? SuccessorOf = null, PlanFileMeasureRef? NextPlanMeasure = null);

/// <summary>A link from the measure to the one that carries it on.</summary>
public sealed record PlanFileLineage(PlanFileMeasureRef To, string Kind, FiscalYear EffectiveIn, string? Note = null);

public sealed record PlanFileMeasureRef(string Plan, string Key);

public sealed record PlanFileEntry(
    FiscalYear FiscalYear,
    string? Target = null,
    string? PlannedWork = null,
    string? Results = null,
    string? Grade = null,
    long? InitialBudget = null,
    long? FinalBudget = null,
    string? IssuesAndDirection = null,
    string? NextYearPlan = null,
    string? Notes = null);

public sealed record PlanFileIndicator(
    string Code,
    string Name,
    string Unit,
    string Kind,
    string Direction,
    string? AttachedTo = null,
    string? Owner = null,
    bool IsNew = false,
    PlanFileBaseline? Baseline = null,
    List<PlanFileTarget>? Targets = null,
    List<PlanFileActual>? Actuals = null,
    string? SourceNote = null,
    string? Comparison = null,
    PlanFileRatio? Ratio = null,
    int? DecimalPlaces = null,
    bool MonitoringOnly = false,
    string? ArchivedReason = null);

/// <summary>A derived indicator: numerator ÷ denominator × scale, both named by their codes.</summary>
/// <param name="Basis">For cumulative parts: yearlyCounts (the default, as files before it) or runningTotals.</param>
public sealed record PlanFileRatio(string Numerator, string Denominator, decimal Scale = 1, string? Basis = null);

/// <param name="Years">The years as the documents write them (H29〜R3平均), instead of <paramref name="From"/> and <paramref name="To"/>.</param>
public sealed record PlanFileBaseline(FiscalYear? From = null, FiscalYear? To = null, decimal? Value = null, string? Note = null, string? Years = null);

/// <param name="From">The first year of a target averaged over a span that ends in <paramref name="FiscalYear"/>.</param>
/// <param name="Years">The years as the documents write them (R4〜R8の平均, 令和9年度末), instead of <paramref name="FiscalYear"/> and <paramref name="From"/>.</param>
public sealed record PlanFileTarget(FiscalYear? FiscalYear = null, decimal? Value = null, string? Qualitative = null, string? Note = null, FiscalYear? From = null, string? Years = null);

public sealed record PlanFileActual(FiscalYear FiscalYear, decimal Value, string? Note = null, decimal? Comparison = null, string? Judgement = null);
