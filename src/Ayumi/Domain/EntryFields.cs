namespace Ayumi.Domain;

/// <summary>
/// The fields a department's entry form asks for. A plan asks for those its progress sheet prints
/// (<see cref="ReportTemplate.EntryFields"/>) unless its secretariat chose otherwise (<see cref="Plan.ChosenEntryFields"/>).
/// </summary>
[Flags]
public enum EntryFields
{
    None = 0,
    PlannedWork = 1,
    Results = 2,
    Grade = 4,
    /// <summary>The budget lines: every amount the plan's layout prints (<see cref="ReportColumn.BudgetAmount"/>), by source and sub-item.</summary>
    Budget = 8,
    IssuesAndDirection = 32,
    NextYearPlan = 64,
    TargetProgress = 128,
    All = PlannedWork | Results | Grade | Budget | IssuesAndDirection | NextYearPlan | TargetProgress,
}

public static class EntryFieldsExtensions
{
    /// <summary>Each field on its own, in the form's order.</summary>
    public static IReadOnlyList<EntryFields> Each { get; } =
    [
        EntryFields.PlannedWork, EntryFields.Results, EntryFields.Grade, EntryFields.Budget,
        EntryFields.TargetProgress, EntryFields.IssuesAndDirection, EntryFields.NextYearPlan,
    ];

    /// <summary>The entry field a progress sheet's column prints, if it prints one.</summary>
    public static EntryFields Of(ReportField field) => field switch
    {
        ReportField.PlannedWork => EntryFields.PlannedWork,
        ReportField.Results => EntryFields.Results,
        ReportField.Grade => EntryFields.Grade,
        ReportField.RequestBudget or ReportField.InitialBudget or ReportField.FinalBudget or ReportField.SettlementBudget => EntryFields.Budget,
        ReportField.IssuesAndDirection => EntryFields.IssuesAndDirection,
        ReportField.NextYearPlan => EntryFields.NextYearPlan,
        ReportField.TargetProgress => EntryFields.TargetProgress,
        _ => EntryFields.None,
    };

    public static bool Asks(this EntryFields fields, EntryFields field) => (fields & field) == field;
}
