namespace Ayumi.Domain;

/// <summary>What a column of a progress sheet holds, in Ayumi's terms.</summary>
public enum ImportField
{
    /// <summary>The column is not imported.</summary>
    Ignore,
    /// <summary>番号: the measure's code as listed (1-(1)-①, 1-1-1, 3).</summary>
    Code,
    /// <summary>基本目標: the top level of the plan, filled on the first row of a group.</summary>
    Goal,
    /// <summary>基本方針 / 施策の方向性: the level above the measures.</summary>
    Policy,
    /// <summary>取組 / 事業名.</summary>
    Title,
    /// <summary>取組内容 / 事業の内容.</summary>
    Description,
    /// <summary>所管課 / 担当課・係名, several departments allowed.</summary>
    Department,
    /// <summary>評価: the self-evaluation grade of a fiscal year.</summary>
    Grade,
    /// <summary>実施内容 / 事業実施状況: results of a fiscal year.</summary>
    Results,
    /// <summary>取組予定 / 年度の計画: planned work of a fiscal year.</summary>
    PlannedWork,
    /// <summary>当初予算額 in thousand yen.</summary>
    InitialBudget,
    /// <summary>最終予算額 in thousand yen.</summary>
    FinalBudget,
    /// <summary>課題・今後の方向性.</summary>
    IssuesAndDirection,
    /// <summary>The department's plan for the year after the one evaluated (R7実施予定 on an R6 evaluation sheet).</summary>
    NextYearPlan,
    /// <summary>取組目標 of a fiscal year.</summary>
    Target,
    /// <summary>備考.</summary>
    Notes,
    /// <summary>The name of the measure in the next plan (第二次…計画上の事業名).</summary>
    NextPlanTitle,
    /// <summary>The description of the measure in the next plan.</summary>
    NextPlanDescription,
}

public static class ImportFieldFacts
{
    /// <summary>Fields whose value belongs to one fiscal year's entry.</summary>
    public static bool IsYearly(this ImportField field) => field is ImportField.Grade or ImportField.Results
        or ImportField.PlannedWork or ImportField.InitialBudget or ImportField.FinalBudget
        or ImportField.IssuesAndDirection or ImportField.NextYearPlan or ImportField.Target or ImportField.Notes;

    public static bool IsBudget(this ImportField field) => field is ImportField.InitialBudget or ImportField.FinalBudget;
}
