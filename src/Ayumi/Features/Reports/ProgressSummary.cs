using Ayumi.Domain;
using Ayumi.Features.Plans;

namespace Ayumi.Features.Reports;

/// <summary>Grades of one group of measures: how many of each grade, how many not graded, how many in all.</summary>
public sealed record GradeRow(string Group, IReadOnlyList<int> Counts, int Ungraded)
{
    public int Total => Counts.Sum() + Ungraded;
}

/// <summary>
/// Budgets of one group in a year and the year before, in thousand yen: initial beside initial, final beside final.
/// A null amount is none recorded (なし), unless <see cref="FinalPending"/> says the year's final budgets are not known yet (未確定).
/// </summary>
public sealed record BudgetRow(string Group, long? Initial, long? Final, long? PreviousInitial, long? PreviousFinal, bool FinalPending = false)
{
    public long? InitialChange => Initial is { } now && PreviousInitial is { } before ? now - before : null;
    public long? FinalChange => Final is { } now && PreviousFinal is { } before ? now - before : null;
}

/// <summary>
/// The summaries of a plan's year: grade counts overall, by goal, by policy and by department,
/// and budget totals by policy and by year. A relisted measure counts once everywhere, under
/// its primary listing; a measure shared by departments counts once for each of them.
/// </summary>
public sealed class ProgressSummary
{
    private ProgressSummary(Plan plan, FiscalYear year)
    {
        Plan = plan;
        Year = year;
    }

    public Plan Plan { get; }
    public FiscalYear Year { get; }
    public IReadOnlyList<GradeDefinition> Grades => Plan.Grades;

    /// <summary>
    /// Whether the plan grades its measures: its scale has grades and some year has one. Miyagi's sheets report without
    /// grading, and a chart of nothing but 未評価 would say the opposite.
    /// </summary>
    public bool IsGraded => Plan.GradeScale.IsGraded && Plan.Measures.SelectMany(m => m.Entries).Any(e => e.Grade is not null);
    public GradeRow Overall { get; private set; } = null!;
    public IReadOnlyList<GradeRow> ByGoal { get; private set; } = [];
    public IReadOnlyList<GradeRow> ByPolicy { get; private set; } = [];
    public IReadOnlyList<GradeRow> ByDepartment { get; private set; } = [];
    public IReadOnlyList<BudgetRow> BudgetByPolicy { get; private set; } = [];
    /// <summary>Totals for every year that has a budget, oldest first.</summary>
    public IReadOnlyList<BudgetRow> BudgetByYear { get; private set; } = [];
    public bool HasBudgets => BudgetByYear.Count > 0;

    public static ProgressSummary Build(Plan plan, FiscalYear year)
    {
        var summary = new ProgressSummary(plan, year);
        var measures = PlanQueries.MeasuresInTreeOrder(plan).ToList();
        summary.Overall = summary.Count(plan.Name, measures);
        var policies = PlanQueries.Walk(PlanQueries.Roots(plan)).Where(n => n.Depth == plan.NodeDepth - 1).ToList();
        summary.ByPolicy = policies.Select(p => summary.Count($"{p.Code} {p.Title}", measures.Where(m => m.PrimaryPlacement.NodeId == p.Id))).ToList();
        if (plan.NodeDepth > 1)
            summary.ByGoal = PlanQueries.Roots(plan).Select(g => summary.Count($"{g.Code} {g.Title}", measures.Where(m => IsUnder(m.PrimaryPlacement.Node, g)))).ToList();
        summary.ByDepartment = measures.SelectMany(m => m.Departments.Select(d => (Department: d.Department, Measure: m)))
            .GroupBy(x => x.Department.Id).Select(g => summary.Count(string.Join(" ", g.First().Department.Path.Units), g.Select(x => x.Measure)))
            .OrderBy(r => r.Group, StringComparer.Ordinal).ToList();
        var entries = measures.SelectMany(m => m.Entries).ToList();
        // A year is closed once final budgets are reported for it; the years after the last closed one await theirs.
        var lastClosed = entries.Where(e => e.FinalBudget is not null).Select(e => (FiscalYear?)e.FiscalYear).Max();
        bool Pending(FiscalYear y) => lastClosed is not { } closed || y > closed;
        BudgetRow Row(string group, IReadOnlyList<Measure> under, FiscalYear y) => new(group,
            Sum(under, y, e => e.InitialBudget), Sum(under, y, e => e.FinalBudget), Sum(under, y.Previous, e => e.InitialBudget), Sum(under, y.Previous, e => e.FinalBudget),
            Pending(y));
        summary.BudgetByPolicy = policies.Select(p => Row($"{p.Code} {p.Title}", measures.Where(m => m.PrimaryPlacement.NodeId == p.Id).ToList(), year)).ToList();
        var years = entries.Where(e => e.InitialBudget is not null || e.FinalBudget is not null).Select(e => e.FiscalYear).Distinct().Order().ToList();
        summary.BudgetByYear = years.Select(y => Row(y.ToJapanese(), measures, y)).ToList();
        return summary;
    }

    private GradeRow Count(string group, IEnumerable<Measure> measures)
    {
        var grades = measures.Select(m => m.Entries.FirstOrDefault(e => e.FiscalYear == Year)?.Grade).ToList();
        return new GradeRow(group, Grades.Select(g => grades.Count(x => x == g.Symbol)).ToList(), grades.Count(x => x is null));
    }

    private static bool IsUnder(PlanNode node, PlanNode ancestor)
    {
        for (var current = node; current is not null; current = current.Parent)
            if (current.Id == ancestor.Id) return true;
        return false;
    }

    private static long? Sum(IEnumerable<Measure> measures, FiscalYear year, Func<YearlyEntry, ThousandYen?> amount)
    {
        var amounts = measures.Select(m => m.Entries.FirstOrDefault(e => e.FiscalYear == year)).Where(e => e is not null).Select(e => amount(e!)).Where(a => a is not null).ToList();
        return amounts.Count == 0 ? null : amounts.Sum(a => a!.Value.Value);
    }
}
