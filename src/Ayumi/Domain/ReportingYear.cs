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

    private readonly List<PublicationWithdrawal> _withdrawals = [];

    internal ReportingYear(Plan plan, FiscalYear fiscalYear, ReportingStatus status, DateOnly? deadline, DateTimeOffset? openedAt, string? outOfPeriodReason = null)
    {
        Plan = plan;
        FiscalYear = fiscalYear;
        Status = status;
        Deadline = deadline;
        OpenedAt = openedAt;
        OutOfPeriodReason = outOfPeriodReason;
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
    /// <summary>Why the secretariat opened a year the plan does not expect (<see cref="Plan.ExpectsYear"/>); null for an expected year.</summary>
    public string? OutOfPeriodReason { get; private set; }
    /// <summary>Each time the year's publication was withdrawn, for the public notice of correction (訂正のお知らせ).</summary>
    public IReadOnlyCollection<PublicationWithdrawal> Withdrawals => _withdrawals;

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
        EnsureLockable(parts);
        Status = ReportingStatus.Locked;
        LockedAt = at;
    }

    /// <summary>Checks that the year can be locked with <paramref name="parts"/>, without locking it: for the page that asks to confirm.</summary>
    /// <exception cref="DomainException">The year is not open, or some parts are not approved yet; the message names them.</exception>
    public void EnsureLockable(IReadOnlyCollection<EntryPart> parts)
    {
        if (!IsOpen) throw new DomainException($"{FiscalYear.ToJapanese()} is not open.", "error.yearNotOpen", FiscalYear.ToJapanese());
        var pending = parts.Where(p => p.Status != PartStatus.Approved).ToList();
        if (pending.Count > 0)
        {
            // Each by its full position and department: bare numbers with departments read like a count per department.
            var examples = string.Join("、", pending.Take(5).Select(p => $"{p.YearlyEntry.Measure.PositionName(titleLength: 20)}（{p.Department.Name}）")) + (pending.Count > 5 ? "…" : "");
            throw new DomainException($"{pending.Count} entries are not approved yet: {examples}", "error.notAllApproved", pending.Count, examples);
        }
    }

    /// <summary>Approves several submitted parts at once: all of them, or none when one is not submitted.</summary>
    /// <exception cref="DomainException">Nothing was chosen, the year is not open, or a part is not submitted.</exception>
    public void Approve(IReadOnlyCollection<EntryPart> parts)
    {
        if (parts.Count == 0) throw new DomainException("Choose the entries to approve.", "error.approveNothingChosen");
        if (!IsOpen) throw new DomainException($"{FiscalYear.ToJapanese()} is not open.", "error.yearNotOpen", FiscalYear.ToJapanese());
        if (parts.FirstOrDefault(p => p.Status != PartStatus.Submitted) is { } notSubmitted)
            throw new DomainException($"Only submitted entries can be approved; {notSubmitted.YearlyEntry.Measure.PrimaryPlacement.Code} {notSubmitted.Department.Name} is not.",
                "error.approveManyNeedsSubmission", $"{notSubmitted.YearlyEntry.Measure.PrimaryPlacement.Code} {notSubmitted.Department.Name}");
        foreach (var part in parts) part.Approve(this);
    }

    public void Publish(DateTimeOffset at)
    {
        EnsurePublishable();
        Status = ReportingStatus.Published;
        PublishedAt = at;
    }

    /// <exception cref="DomainException">The year is not locked.</exception>
    public void EnsurePublishable()
    {
        if (Status != ReportingStatus.Locked)
            throw new DomainException($"Only a locked year can be published; {FiscalYear.ToJapanese()} is {Status.ToString().ToLowerInvariant()}.", "error.publishNeedsLock");
    }

    /// <exception cref="DomainException">The year is not published.</exception>
    public void EnsurePublicationWithdrawable()
    {
        if (Status != ReportingStatus.Published)
            throw new DomainException($"Only a published year can be withdrawn from publication; {FiscalYear.ToJapanese()} is {Status.ToString().ToLowerInvariant()}.", "error.unpublishNeedsPublished");
    }

    /// <summary>
    /// Takes a published year back from the public, with the reason the notice of correction states: the year is locked again
    /// (reviewed, not public) and can be published again once corrected.
    /// </summary>
    /// <exception cref="DomainException">The year is not published, or no reason is given.</exception>
    public PublicationWithdrawal WithdrawPublication(string reason, DateTimeOffset at)
    {
        EnsurePublicationWithdrawable();
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("State why the publication is withdrawn.", "error.unpublishNeedsReason");
        var withdrawal = new PublicationWithdrawal(this, reason.Trim(), at);
        _withdrawals.Add(withdrawal);
        Status = ReportingStatus.Locked;
        PublishedAt = null;
        return withdrawal;
    }
}

/// <summary>
/// A published year taken back from the public: when and why. Shown on the plan's public page as a notice of correction
/// (訂正のお知らせ), also after the year is published again.
/// </summary>
public class PublicationWithdrawal
{
    private PublicationWithdrawal() { ReportingYear = null!; Reason = null!; }

    internal PublicationWithdrawal(ReportingYear year, string reason, DateTimeOffset at)
    {
        ReportingYear = year;
        Reason = reason;
        At = at;
    }

    public int Id { get; private set; }
    public int ReportingYearId { get; private set; }
    public ReportingYear ReportingYear { get; private set; }
    public string Reason { get; private set; }
    public DateTimeOffset At { get; private set; }
}
