namespace Ayumi.Domain;

public enum PartStatus
{
    NotStarted,
    Draft,
    Submitted,
    /// <summary>Sent back by the secretariat with a comment; the department edits and submits again.</summary>
    Returned,
    Approved,
}

/// <summary>What one department reports on a measure in a fiscal year.</summary>
public sealed record PartContent(
    string? PlannedWork,
    string? Results,
    string? Grade,
    BudgetLine Budget,
    string? IssuesAndDirection,
    string? NextYearPlan,
    string? TargetProgress);

/// <summary>
/// One department's part of a yearly entry. A measure run by one department has one part;
/// a shared measure has one per department, and is complete when every part is approved.
/// </summary>
public class EntryPart
{
    private EntryPart() { YearlyEntry = null!; Department = null!; }

    internal EntryPart(YearlyEntry entry, Department department, PartContent start)
    {
        YearlyEntry = entry;
        Department = department;
        (PlannedWork, Results, Grade, var budget, IssuesAndDirection, NextYearPlan, TargetProgress) = start;
        Budget = budget;
    }

    public int Id { get; private set; }
    public int YearlyEntryId { get; private set; }
    public YearlyEntry YearlyEntry { get; private set; }
    public int DepartmentId { get; private set; }
    public Department Department { get; private set; }
    public PartStatus Status { get; private set; }
    public string? PlannedWork { get; private set; }
    public string? Results { get; private set; }
    public string? Grade { get; private set; }
    /// <summary>The department's budget line for the year (see <see cref="BudgetLine"/>).</summary>
    public BudgetLine Budget { get => new(BudgetFigures); private set => BudgetFigures = [.. value.Figures]; }
    /// <summary>The line's figures as stored: one JSON column, audited as one value.</summary>
    private List<BudgetFigure> BudgetFigures { get; set; } = [];
    public ThousandYen? InitialBudget => Budget.Total(BudgetAmount.Initial);
    public ThousandYen? FinalBudget => Budget.Total(BudgetAmount.Final);
    public string? IssuesAndDirection { get; private set; }
    public string? NextYearPlan { get; private set; }
    /// <summary>How far this year's target (取組目標) was reached, in the department's words.</summary>
    public string? TargetProgress { get; private set; }
    /// <summary>The secretariat's reason for returning the part.</summary>
    public string? ReturnComment { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    /// <summary>Raised by every change; a save that carries an older version is refused (two people editing at once).</summary>
    public int Version { get; private set; }

    public PartContent Content => new(PlannedWork, Results, Grade, Budget, IssuesAndDirection, NextYearPlan, TargetProgress);

    /// <summary>Whether the department has saved the part at least once (a draft, or more).</summary>
    public bool IsSaved => Status != PartStatus.NotStarted;

    public bool IsEditable => Status is PartStatus.NotStarted or PartStatus.Draft or PartStatus.Returned;

    /// <summary>The department still owes this part: not yet submitted, or returned to it.</summary>
    public bool IsOutstanding => IsEditable;

    /// <exception cref="DomainException">The year is not open, the part is submitted or approved, or the grade is off the scale.</exception>
    public void SaveDraft(PartContent content, ReportingYear year) =>
        SaveDraft(content, year, YearlyEntry.Measure.Plan.GradeScale, YearlyEntry.Measure.Plan.Name);

    /// <summary>
    /// The same, for a caller that read only the part, its year and its plan's grade scale
    /// (the department's save), without loading the measure and the plan.
    /// </summary>
    /// <exception cref="DomainException">The year is not open, the part is submitted or approved, or the grade is off the scale.</exception>
    public void SaveDraft(PartContent content, ReportingYear year, GradeScale scale, string planName)
    {
        EnsureEditable(year);
        if (content.Grade is { } grade && scale.Find(grade) is null)
            throw new DomainException($"Grade '{grade}' is not on the scale of {planName}.", "entry.badGrade");
        PlannedWork = Clean(content.PlannedWork);
        Results = Clean(content.Results);
        Grade = content.Grade;
        Budget = content.Budget;
        IssuesAndDirection = Clean(content.IssuesAndDirection);
        NextYearPlan = Clean(content.NextYearPlan);
        TargetProgress = Clean(content.TargetProgress);
        if (Status == PartStatus.NotStarted) Status = PartStatus.Draft;
        Version++;
    }

    /// <summary>
    /// The fields that must be filled before the part can be submitted: the grade only when the plan grades its measures,
    /// and each only when the plan's entry form asks for it (<paramref name="asked"/>), since nobody can fill in a field never shown.
    /// </summary>
    public IReadOnlyList<string> MissingForSubmission(bool graded = true, EntryFields asked = EntryFields.All)
    {
        var missing = new List<string>();
        if (graded && asked.Asks(EntryFields.Grade) && Grade is null) missing.Add(nameof(Grade));
        if (asked.Asks(EntryFields.Results) && string.IsNullOrWhiteSpace(Results)) missing.Add(nameof(Results));
        return missing;
    }

    /// <exception cref="DomainException">Grade or results are missing, or the part cannot be edited.</exception>
    public void Submit(ReportingYear year, DateTimeOffset at, bool graded = true, EntryFields asked = EntryFields.All)
    {
        EnsureEditable(year);
        var missing = MissingForSubmission(graded, asked);
        if (missing.Count > 0) throw new IncompleteEntryException(missing);
        Status = PartStatus.Submitted;
        SubmittedAt = at;
        ReturnComment = null;
        Version++;
    }

    public void Return(string comment, ReportingYear year)
    {
        if (!year.IsOpen) throw YearNotOpen(year);
        if (Status is not (PartStatus.Submitted or PartStatus.Approved)) throw new DomainException("Only a submitted or approved entry can be returned.", "error.returnNeedsSubmission");
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("Say why the entry is returned.", "error.returnNeedsComment");
        Status = PartStatus.Returned;
        ReturnComment = comment.Trim();
        Version++;
    }

    public void Approve(ReportingYear year)
    {
        if (!year.IsOpen) throw YearNotOpen(year);
        if (Status != PartStatus.Submitted) throw new DomainException("Only a submitted entry can be approved.", "error.approveNeedsSubmission");
        Status = PartStatus.Approved;
        Version++;
        YearlyEntry.ComposeFromParts();
    }

    private void EnsureEditable(ReportingYear year)
    {
        if (!year.IsOpen) throw YearNotOpen(year);
        if (!IsEditable) throw new DomainException("This entry has been submitted; ask the secretariat to return it before changing it.", "error.partSubmitted");
    }

    private static DomainException YearNotOpen(ReportingYear year) =>
        new($"{year.FiscalYear.ToJapanese()} is not open for entries.", "error.yearNotOpen", year.FiscalYear.ToJapanese());

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Submission refused because required fields are empty.</summary>
public sealed class IncompleteEntryException(IReadOnlyList<string> missing)
    : Exception($"Fill in before submitting: {string.Join(", ", missing)}.")
{
    public IReadOnlyList<string> Missing { get; } = missing;
}
