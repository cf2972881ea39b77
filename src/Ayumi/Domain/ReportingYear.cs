namespace Ayumi.Domain;

public enum ReportingStatus
{
    /// <summary>Departments are filling in their entries.</summary>
    Open,
    /// <summary>Every entry is approved; reviewers comment and evaluate; nothing is edited.</summary>
    Locked,
    /// <summary>Visible to the public.</summary>
    Published,
}

/// <summary>
/// One fiscal year of a plan's progress management (進行管理): opened by the secretariat
/// with a deadline, filled in by the departments, locked, reviewed and published.
/// </summary>
public class ReportingYear
{
    private ReportingYear() { Plan = null!; }

    internal ReportingYear(Plan plan, FiscalYear fiscalYear, ReportingStatus status, DateOnly? deadline, DateTimeOffset? openedAt)
    {
        Plan = plan;
        FiscalYear = fiscalYear;
        Status = status;
        Deadline = deadline;
        OpenedAt = openedAt;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; }
    public FiscalYear FiscalYear { get; private set; }
    public ReportingStatus Status { get; private set; }
    /// <summary>The last day departments have to submit, inclusive.</summary>
    public DateOnly? Deadline { get; private set; }
    /// <summary>When the secretariat opened the year; null for years reported before Ayumi.</summary>
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? LockedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    public bool IsOpen => Status == ReportingStatus.Open;

    public bool IsOverdue(DateOnly today) => IsOpen && Deadline is { } d && today > d;

    public void ChangeDeadline(DateOnly? deadline)
    {
        if (!IsOpen) throw new DomainException($"{FiscalYear.ToJapanese()} is no longer open.", "error.yearNotOpen", FiscalYear.ToJapanese());
        Deadline = deadline;
    }

    /// <exception cref="DomainException">Some parts are not approved yet; the message names them.</exception>
    public void Lock(IReadOnlyCollection<EntryPart> parts, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainException($"{FiscalYear.ToJapanese()} is not open.", "error.yearNotOpen", FiscalYear.ToJapanese());
        var pending = parts.Where(p => p.Status != PartStatus.Approved).ToList();
        if (pending.Count > 0)
        {
            // Each by its full position and department: bare numbers with departments read like a count per department.
            var examples = string.Join("、", pending.Take(5).Select(p => $"{p.YearlyEntry.Measure.PositionName(titleLength: 20)}（{p.Department.Name}）")) + (pending.Count > 5 ? "…" : "");
            throw new DomainException($"{pending.Count} entries are not approved yet: {examples}", "error.notAllApproved", pending.Count, examples);
        }
        Status = ReportingStatus.Locked;
        LockedAt = at;
    }

    public void Publish(DateTimeOffset at)
    {
        if (Status != ReportingStatus.Locked)
            throw new DomainException($"Only a locked year can be published; {FiscalYear.ToJapanese()} is {Status.ToString().ToLowerInvariant()}.", "error.publishNeedsLock");
        Status = ReportingStatus.Published;
        PublishedAt = at;
    }
}
