namespace Ayumi.Domain;

/// <summary>What a column of a progress sheet shows.</summary>
public enum ReportField
{
    Goal,
    Policy,
    Code,
    Title,
    Description,
    Departments,
    Objective,
    Grade,
    Results,
    PlannedWork,
    NextYearPlan,
    InitialBudget,
    FinalBudget,
    /// <summary>要求額.</summary>
    RequestBudget,
    /// <summary>決算額.</summary>
    SettlementBudget,
    IssuesAndDirection,
    Target,
    TargetProgress,
    NextPlanTitle,
    NextPlanDescription,
    Notes,
    /// <summary>An indicator's name with 累計 and 【新】 as the plans write them; a template with it lists indicators, not measures.</summary>
    Indicator,
    Baseline,
    /// <summary>The latest actual up to the year (a cumulative indicator's running total), with its year.</summary>
    LatestActual,
    IndicatorTarget,
    /// <summary>Progress from the baseline toward the target (see <see cref="IndicatorAssessment"/>).</summary>
    Achievement,
    IndicatorStatus,
}

/// <summary>
/// One column of a progress sheet. <see cref="Heading"/> is a format string whose {0} is the
/// report's fiscal year, {1} and {2} the two following ones, {3} the previous one
/// (<c>{0:R}評価</c> → R6評価, <c>{1:J}の計画</c> → 令和7年度の計画), and {4} the next plan's name.
/// <see cref="YearOffset"/> picks the entry the value comes from (1: the next year's entry).
/// <see cref="Share"/> is the column's share of a printed page's width in percent, as a layout sets it; without one the
/// column is as wide as its data needs.
/// A money column shows the stated total of its amount, or with <see cref="Source"/> that funding source's share, or with
/// <see cref="Difference"/> how far the stated total is from the sum of its parts.
/// </summary>
public sealed record ReportColumn(ReportField Field, string Heading, int YearOffset = 0, int? Share = null, string? Source = null, bool Difference = false)
{
    public bool IsYearly => Field is ReportField.Grade or ReportField.Results or ReportField.PlannedWork or ReportField.NextYearPlan
        or ReportField.TargetProgress or ReportField.Notes or ReportField.IssuesAndDirection or ReportField.Target || IsMoney;

    public bool IsMoney => BudgetAmount is not null;

    /// <summary>The amount of the budget cycle a money column shows.</summary>
    public BudgetAmount? BudgetAmount => Field switch
    {
        ReportField.RequestBudget => Domain.BudgetAmount.Request,
        ReportField.InitialBudget => Domain.BudgetAmount.Initial,
        ReportField.FinalBudget => Domain.BudgetAmount.Final,
        ReportField.SettlementBudget => Domain.BudgetAmount.Settlement,
        _ => null,
    };

    /// <summary>Fields only a measure has: they make no sense in a list of indicators.</summary>
    public bool IsMeasureOnly => Field is not (ReportField.Goal or ReportField.Policy or ReportField.Code or ReportField.Departments) && !IsIndicatorOnly;

    public bool IsIndicatorOnly => Field is ReportField.Indicator or ReportField.Baseline or ReportField.LatestActual
        or ReportField.IndicatorTarget or ReportField.Achievement or ReportField.IndicatorStatus;
}

/// <summary>
/// A named layout of the progress sheet: which columns, in which order, with which headings.
/// Four come with Ayumi, after the sheets municipalities already publish; an organisation
/// can save its own.
/// </summary>
public class ReportTemplate
{
    private ReportTemplate() { Name = ""; }

    public ReportTemplate(string name, IEnumerable<ReportColumn> columns, bool policiesAsSectionRows, bool gradeTally)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainException("A report template needs a name.", "reports.templateNameMissing") : name.Trim();
        PoliciesAsSectionRows = policiesAsSectionRows;
        GradeTally = gradeTally;
        Replace(columns);
    }

    public int Id { get; private set; }
    public int? OrganisationId { get; private set; }
    public string Name { get; private set; }
    public List<ReportColumn> Columns { get; private set; } = [];
    /// <summary>Policies as rows of their own across the table (Ena's <c>(1)住居・就労の確保など</c>) rather than a column.</summary>
    public bool PoliciesAsSectionRows { get; private set; }
    /// <summary>A closing tally of grades (A 9事業 … of 12), as Ena's sheet ends.</summary>
    public bool GradeTally { get; private set; }

    /// <summary>Rows are the plan's indicators (Hyogo's 活動指標 table) rather than its measures.</summary>
    public bool ListsIndicators => Columns.Any(c => c.Field == ReportField.Indicator);

    /// <summary>
    /// What a department's entry form asks for by default: the fields the layout prints, for any year. A layout that prints
    /// none (a list of indicators) leaves the form whole, since the measures' entries are still kept.
    /// </summary>
    public EntryFields EntryFields =>
        Columns.Aggregate(EntryFields.None, (fields, c) => fields | EntryFieldsExtensions.Of(c.Field)) is var printed && printed != EntryFields.None ? printed : EntryFields.All;

    /// <exception cref="DomainException">Neither the measure's title nor the indicator's name, or measure and indicator columns mixed.</exception>
    public void Replace(IEnumerable<ReportColumn> columns)
    {
        var list = columns.ToList();
        var indicators = list.Any(c => c.Field == ReportField.Indicator);
        if (!indicators && !list.Any(c => c.Field == ReportField.Title)) throw new DomainException("A report template must show the measure's title.", "reports.templateNeedsTitle");
        if (indicators ? list.Any(c => c.IsMeasureOnly) : list.Any(c => c.IsIndicatorOnly))
            throw new DomainException("A report template lists either measures or indicators, not columns of both.", "reports.templateMixed");
        Columns = list;
    }

    public void Revise(IEnumerable<ReportColumn> columns, bool policiesAsSectionRows, bool gradeTally)
    {
        Replace(columns);
        PoliciesAsSectionRows = policiesAsSectionRows;
        GradeTally = gradeTally;
    }

    public void BelongTo(Organisation organisation) => OrganisationId = organisation.Id;

    public const string Ena = "恵那市型（評価・実施内容・翌年度の予定）";
    public const string Miyagi = "宮城県型（予算・実施状況・次期計画）";
    public const string Komae = "狛江市型（取組と年度ごとの目標）";
    public const string Akita = "秋田市型（取組の一覧と年度の予定）";
    public const string Hyogo = "兵庫県型（活動指標の一覧）";

    /// <summary>
    /// The layouts of the seed documents, in their own words. The shares of the page follow the seeds' sheets: the texts of
    /// what was done and what comes next widest, names and policies narrower; departments, budgets and short figures are left
    /// to their data.
    /// </summary>
    public static IReadOnlyList<ReportTemplate> BuiltIn { get; } =
    [
        new(Ena,
        [
            new(ReportField.Code, "番号", Share: 4), new(ReportField.Title, "事業", Share: 13), new(ReportField.Departments, "担当課"), new(ReportField.Description, "内容", Share: 22),
            new(ReportField.Grade, "{0:R}評価", Share: 7), new(ReportField.Results, "{0:R}実施内容", Share: 24), new(ReportField.NextYearPlan, "{1:R}実施予定", Share: 22),
        ], policiesAsSectionRows: true, gradeTally: true),
        new(Miyagi,
        [
            new(ReportField.Code, "番号", Share: 3), new(ReportField.Policy, "施策の方向性 括弧内は{4}上での方針の方向性", Share: 8), new(ReportField.Title, "事業名", Share: 8),
            new(ReportField.Description, "事業の内容", Share: 13), new(ReportField.FinalBudget, "{0:R}年度 最終予算額 【単位：千円】"),
            new(ReportField.Results, "{0:R}年度 事業実施状況", Share: 12), new(ReportField.InitialBudget, "{1:R}年度 当初予算額 【単位：千円】", 1),
            new(ReportField.PlannedWork, "{1:R}年度の計画", 1, Share: 12), new(ReportField.NextPlanTitle, "{4}上の事業名", Share: 7),
            new(ReportField.NextPlanDescription, "{4}上の事業の内容", Share: 12), new(ReportField.IssuesAndDirection, "事業推進上の課題・今後の方向性について", 1, Share: 12),
            new(ReportField.Departments, "担当課・係名"),
        ], policiesAsSectionRows: false, gradeTally: false),
        new(Komae,
        [
            new(ReportField.Goal, "基本目標", Share: 8), new(ReportField.Policy, "施策", Share: 9), new(ReportField.Code, "番号", Share: 4), new(ReportField.Title, "重点取組", Share: 10),
            new(ReportField.Description, "取組内容", Share: 15), new(ReportField.Departments, "担当課"), new(ReportField.Objective, "取組", Share: 12),
            new(ReportField.Target, "{0:R}取組目標", Share: 9), new(ReportField.TargetProgress, "{0:R}取組目標に対する実績", Share: 10),
            new(ReportField.Target, "{1:R}取組目標", 1, Share: 8), new(ReportField.Target, "{2:R}取組目標", 2, Share: 8),
        ], policiesAsSectionRows: false, gradeTally: false),
        new(Akita,
        [
            new(ReportField.Code, "番号", Share: 7), new(ReportField.Title, "取組", Share: 18), new(ReportField.Description, "取組内容", Share: 38), new(ReportField.Departments, "所管課"),
            new(ReportField.PlannedWork, "{0:J}取組予定", Share: 28),
        ], policiesAsSectionRows: false, gradeTally: false),
        new(Hyogo,
        [
            new(ReportField.Goal, "行動", Share: 6), new(ReportField.Code, "番号", Share: 5), new(ReportField.Indicator, "活動指標", Share: 24), new(ReportField.Departments, "担当課"),
            new(ReportField.Baseline, "基準値", Share: 13), new(ReportField.LatestActual, "{0:J}までの直近の実績", Share: 12), new(ReportField.IndicatorTarget, "目標", Share: 14),
            new(ReportField.Achievement, "達成度"), new(ReportField.IndicatorStatus, "状況"),
        ], policiesAsSectionRows: false, gradeTally: false),
    ];
}
