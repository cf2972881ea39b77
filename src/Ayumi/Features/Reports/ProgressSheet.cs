using System.Globalization;
using Ayumi.Domain;
using Ayumi.Features.Plans;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Features.Reports;

/// <summary>A cell of the progress sheet: its text, last year's wording when it changed, and the amount for money columns.</summary>
public sealed record SheetCell(string Text, string? Previous = null, long? Amount = null)
{
    public static SheetCell Empty { get; } = new("");

    public bool Changed => Previous is not null;

    /// <summary>The parts of the text and whether each is new since last year (下線部が更新箇所).</summary>
    public IEnumerable<(string Text, bool IsNew)> Segments() => Previous is null
        ? [(Text, false)]
        : TextDiff.Compare(Previous, Text).Where(s => s.Kind != TextDiff.Kind.Removed).Select(s => (s.Text, s.Kind == TextDiff.Kind.Added));
}

/// <summary>A row of the sheet: a policy heading across the table, or a listing of a measure.</summary>
public sealed record SheetLine(string? Section, IReadOnlyList<SheetCell> Cells, int? MeasureId = null, bool IsRelisting = false)
{
    public bool IsSection => Section is not null;
}

/// <summary>
/// The progress sheet of a plan for a fiscal year in a template's layout: the rows the council
/// reads and the city publishes. Relisted measures appear wherever they are listed, marked
/// 再掲, and count once in the tally; text changed since last year's edition carries the
/// earlier wording so that every output can underline what is new.
/// </summary>
public sealed partial class ProgressSheet
{
    private ProgressSheet(Plan plan, FiscalYear year, ReportTemplate template)
    {
        Plan = plan;
        Year = year;
        Template = template;
        var nextPlanName = plan.Organisation.Plans.FirstOrDefault(p => p.PredecessorId == plan.Id && p.Status == PlanStatus.Published)?.Name
            ?? plan.Measures.Select(m => m.NextPlanMeasure?.Plan?.Name).FirstOrDefault(n => n is not null) ?? "次期計画";
        Headings = template.Columns.Select(c => string.Format(CultureInfo.InvariantCulture, c.Heading, year, year.Next, year.Next.Next, year.Previous, nextPlanName)).ToList();
    }

    public Plan Plan { get; }
    public FiscalYear Year { get; }
    public ReportTemplate Template { get; }
    public IReadOnlyList<string> Headings { get; }
    public List<SheetLine> Lines { get; } = [];
    /// <summary>Measures by grade of the year, each measure once; grades in the plan's order.</summary>
    public IReadOnlyList<(GradeDefinition Grade, int Count)> Tally { get; private set; } = [];
    public int MeasureCount { get; private set; }
    public bool HasChanges => Lines.Any(l => l.Cells.Any(c => c.Changed));
    /// <summary>主な意見と市（県）の考え方, printed after the table: only what the reader may see (<see cref="Review.OpinionQueries"/>).</summary>
    public OpinionSection? Opinions { get; private set; }

    /// <summary>Adds the year's opinions section that the reader may see; null leaves the sheet without one.</summary>
    public ProgressSheet WithOpinions(OpinionSection? opinions)
    {
        Opinions = opinions is { Lines.Count: > 0 } ? opinions : null;
        return this;
    }

    /// <param name="plan">Loaded with <see cref="ReportQueries.LoadAsync"/>.</param>
    /// <param name="text">The UI's words, for what a sheet says in its cells rather than the plan's (an indicator's status).</param>
    public static ProgressSheet Build(Plan plan, FiscalYear year, ReportTemplate template, Func<string, string> text)
    {
        var sheet = new ProgressSheet(plan, year, template.ListsIndicators ? template : WithDifferenceColumns(template, plan, year));
        template = sheet.Template;
        if (template.ListsIndicators)
        {
            foreach (var indicator in plan.Indicators.Where(i => !i.IsArchived).OrderBy(i => i.Order))
            {
                var assessment = indicator.Assess(year);
                sheet.Lines.Add(new SheetLine(null, template.Columns.Select(c => new SheetCell(IndicatorValue(c, indicator, assessment, text) ?? "")).ToList()));
            }
            return sheet;
        }
        var nextPlanNodes = NextPlanNodes(plan);
        var newInNextPlan = NewInNextPlan(plan, nextPlanNodes);
        var counted = new HashSet<int>();
        foreach (var node in PlanQueries.Walk(PlanQueries.Roots(plan)).Where(n => n.Depth == plan.NodeDepth - 1))
        {
            if (template.PoliciesAsSectionRows) sheet.Lines.Add(new SheetLine($"{node.Code}{node.Title}", []));
            foreach (var placement in PlanQueries.PlacementsUnder(node))
            {
                sheet.Lines.Add(new SheetLine(null, template.Columns.Select(c => sheet.Cell(c, placement, nextPlanNodes)).ToList(), placement.MeasureId, placement.IsRelisting));
                if (placement.IsRelisting) continue;
                counted.Add(placement.MeasureId);
                sheet.Lines.AddRange(sheet.SubItemLines(placement.Measure));
            }
            foreach (var measure in newInNextPlan.Where(m => m.Node == node).Select(m => m.Measure))
                sheet.Lines.Add(new SheetLine(null, template.Columns.Select(c => sheet.NextPlanOnlyCell(c, measure, node, nextPlanNodes)).ToList()));
        }
        var measures = plan.Measures.Where(m => counted.Contains(m.Id)).ToList();
        sheet.MeasureCount = measures.Count;
        sheet.Tally = plan.Grades.Select(g => (g, measures.Count(m => m.Entries.Any(e => e.FiscalYear == year && e.Grade == g.Symbol)))).ToList();
        return sheet;
    }

    /// <summary>Where each policy of this plan goes in the next plan, read from the measures that continue into it.</summary>
    private static Dictionary<int, PlanNode> NextPlanNodes(Plan plan)
    {
        var map = new Dictionary<int, PlanNode>();
        foreach (var measure in plan.Measures.Where(m => m.NextPlanMeasure is not null))
        {
            var next = measure.NextPlanMeasure!.Placements.FirstOrDefault(p => !p.IsRelisting)?.Node;
            if (next is not null) map.TryAdd(measure.PrimaryPlacement.NodeId, next);
        }
        return map;
    }

    /// <summary>Measures new in the next plan, shown (as Miyagi does) under the policy of this plan that leads to theirs.</summary>
    private static List<(Measure Measure, PlanNode Node)> NewInNextPlan(Plan plan, Dictionary<int, PlanNode> nextPlanNodes)
    {
        var byNextNode = nextPlanNodes.GroupBy(p => p.Value.Id).ToDictionary(g => g.Key, g => plan.Nodes.First(n => n.Id == g.First().Key));
        var continued = plan.Measures.Where(m => m.NextPlanMeasure is not null).Select(m => m.NextPlanMeasure!.Id).ToHashSet();
        var nextPlan = plan.Measures.Select(m => m.NextPlanMeasure?.Plan).FirstOrDefault(p => p is not null);
        if (nextPlan is null) return [];
        return nextPlan.Measures.Where(m => m.IsNew && !continued.Contains(m.Id))
            .Select(m => (Measure: m, Node: m.Placements.Where(p => !p.IsRelisting).Select(p => byNextNode.GetValueOrDefault(p.NodeId)).FirstOrDefault()))
            .Where(x => x.Node is not null).Select(x => (x.Measure, x.Node!))
            .OrderBy(x => MeasureCode.TryParse(x.Measure.PrimaryPlacement.Code, out var c) ? c : null).ToList();
    }

    private SheetCell Cell(ReportColumn column, MeasurePlacement placement, Dictionary<int, PlanNode> nextPlanNodes)
    {
        var measure = placement.Measure;
        var current = Value(column, placement, Year, nextPlanNodes, lifecycleNotes: true);
        if (current is null) return SheetCell.Empty;
        var amount = column.IsMoney && !IsLifecycleNote(measure, current) && long.TryParse(current, NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : (long?)null;
        // Last year's wording is what the departments wrote then; a lifecycle note standing in for it is not an edition to compare with.
        var previous = column.IsYearly && !column.IsMoney ? Value(column, placement, Year.Previous, nextPlanNodes, lifecycleNotes: false) : null;
        return new SheetCell(current, previous is not null && previous != current ? previous : null, amount);
    }

    private static bool IsLifecycleNote(Measure measure, string text) => text == measure.LifecycleNote;

    private SheetCell NextPlanOnlyCell(ReportColumn column, Measure measure, PlanNode node, Dictionary<int, PlanNode> nextPlanNodes) => column.Field switch
    {
        ReportField.Code => new(measure.PrimaryPlacement.Code),
        ReportField.Policy => new(PolicyText(node, nextPlanNodes)),
        ReportField.NextPlanTitle => new(measure.Title),
        ReportField.NextPlanDescription => new(measure.Description ?? ""),
        ReportField.Departments => new(Departments(measure)),
        ReportField.IssuesAndDirection => new(measure.Entries.FirstOrDefault(e => e.FiscalYear == Year.Offset(column.YearOffset))?.IssuesAndDirection ?? ""),
        _ => SheetCell.Empty,
    };

    /// <summary>The text a column shows for a listing in a year; null when there is nothing to show.</summary>
    private string? Value(ReportColumn column, MeasurePlacement placement, FiscalYear year, Dictionary<int, PlanNode> nextPlanNodes, bool lifecycleNotes)
    {
        var measure = placement.Measure;
        var entryYear = year.Offset(column.YearOffset);
        var entry = measure.Entries.FirstOrDefault(e => e.FiscalYear == entryYear);
        var ended = lifecycleNotes && measure.Status != MeasureStatus.Active && !measure.RunsIn(entryYear) ? measure.LifecycleNote : null;
        return column.Field switch
        {
            ReportField.Goal => Ancestor(placement.Node, 0) is { } goal ? $"{goal.Code} {goal.Title}" : null,
            ReportField.Policy => NextPlacement(placement) is { } nextPlacement
                ? $"{placement.Node.Code} {placement.Node.Title} ({nextPlacement.Node.Code} {nextPlacement.Node.Title})"
                : PolicyText(placement.Node, nextPlanNodes),
            ReportField.Code => placement.Code,
            ReportField.Title => placement.ListedTitle ?? measure.Title,
            ReportField.Description => placement.ListedDescription ?? measure.Description,
            ReportField.Departments => Departments(measure),
            ReportField.Objective => measure.Objective,
            ReportField.Grade => entry?.Grade is { } symbol ? GradeText(measure.Plan, symbol) : null,
            ReportField.Results => entry?.Results ?? ended,
            ReportField.PlannedWork => entry?.PlannedWork ?? ended,
            ReportField.NextYearPlan => entry?.NextYearPlan ?? ended,
            _ when column.IsMoney => (entry is null ? null : Money(column, entry.Budget, item: null)) ?? (ended is null ? null : "-"),
            ReportField.IssuesAndDirection => entry?.IssuesAndDirection ?? ended,
            ReportField.Target => entry?.Target,
            ReportField.TargetProgress => entry?.TargetProgress,
            ReportField.Notes => entry?.Notes,
            ReportField.NextPlanTitle => NextPlacement(placement) is { IsRelisting: true } relisted ? relisted.ListedTitle ?? SheetMarks.Relisting(measure.NextPlanMeasure!.Title)
                : measure.NextPlanMeasure?.Title ?? (measure.Status == MeasureStatus.Active ? null : measure.LifecycleNote),
            ReportField.NextPlanDescription => NextPlacement(placement) is { IsRelisting: true } relisted ? relisted.ListedDescription ?? measure.NextPlanMeasure!.Description
                : measure.NextPlanMeasure?.Description ?? (measure.Status == MeasureStatus.Active ? null : measure.LifecycleNote),
            _ => null,
        };
    }

    /// <summary>Where this listing sits in the next plan: the next-plan measure's own listing, or its relisting under the same number.</summary>
    private static MeasurePlacement? NextPlacement(MeasurePlacement placement) =>
        placement.Measure.NextPlanMeasure is not { } next ? null
        : placement.IsRelisting ? next.Placements.FirstOrDefault(p => p.IsRelisting && p.Code == placement.Code)
        : next.Placements.FirstOrDefault(p => !p.IsRelisting);

    /// <summary>What a column shows for an indicator, as Hyogo's 活動指標 table writes it.</summary>
    private static string? IndicatorValue(ReportColumn column, Indicator indicator, IndicatorAssessment assessment, Func<string, string> text)
    {
        var node = indicator.Node ?? indicator.Measure?.PrimaryPlacement.Node;
        return column.Field switch
        {
            ReportField.Goal => node is null ? null : Ancestor(node, 0)?.Code,
            ReportField.Policy => node is null ? null : Ancestor(node, 1) is { } policy ? $"{policy.Code} {policy.Title}" : null,
            ReportField.Code => indicator.Code,
            ReportField.Indicator => indicator.Name + (indicator.Kind == IndicatorKind.Cumulative ? "(累計)" : "") + (indicator.IsNew ? SheetMarks.New : ""),
            ReportField.Departments => indicator.Owner?.Name,
            ReportField.Baseline => assessment.Baseline is { } baseline
                ? $"{IndicatorText.Value(baseline, indicator)}{BaselineNote(indicator.BaselineNote)} ({IndicatorText.BaselineYears(indicator)})"
                : null,
            ReportField.LatestActual => assessment.Current is { } current ? $"{IndicatorText.Value(current, indicator)} ({assessment.MeasuredIn!.Value.StartYear})" : text("indicator.noActual"),
            ReportField.IndicatorTarget => indicator.IsMonitoringOnly ? text("indicator.monitoringNoTarget") : IndicatorText.Targets(indicator, text("indicator.average")),
            ReportField.Achievement => indicator.IsMonitoringOnly ? null : IndicatorText.Progress(assessment.Progress),
            ReportField.IndicatorStatus => text(indicator.IsMonitoringOnly ? "indicator.monitoring" : "indicator.status." + assessment.Status),
            _ => null,
        };
    }

    /// <summary>A mark (*, ※) follows the value as the plans print it; words go in brackets (全国 85.8%).</summary>
    private static string BaselineNote(string? note) => note is null ? "" : note.Length == 1 ? note : $"（{note}）";

    private static PlanNode? Ancestor(PlanNode node, int depth)
    {
        var current = node;
        while (current is not null && current.Depth > depth) current = current.Parent;
        return current?.Depth == depth ? current : null;
    }

    private static string PolicyText(PlanNode node, Dictionary<int, PlanNode> nextPlanNodes) =>
        nextPlanNodes.TryGetValue(node.Id, out var next) ? $"{node.Code} {node.Title} ({next.Code} {next.Title})" : $"{node.Code} {node.Title}";

    private static string Departments(Measure measure) =>
        DepartmentList.Format(measure.Departments.OrderBy(d => d.Order).Select(d => d.WrittenAs ?? d.Department.Name));

    private static string GradeText(Plan plan, string symbol) =>
        plan.Grades.FirstOrDefault(g => g.Symbol == symbol) is { } grade ? $"{grade.Symbol}({grade.Label})" : symbol;
}
