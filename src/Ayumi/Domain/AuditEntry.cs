namespace Ayumi.Domain;

public enum AuditAction
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One recorded change to plan data or an entry: who, when, which record, and each changed
/// field's old and new value (as JSON). Written by the database layer on every save; the
/// application offers no way to change or delete it.
/// </summary>
public class AuditEntry
{
    private AuditEntry() { UserName = null!; EntityType = null!; EntityId = null!; Changes = null!; }

    public AuditEntry(DateTimeOffset at, string? userId, string userName, AuditAction action, string entityType, string entityId,
        int? planId, int? measureId, string changes)
    {
        At = at;
        UserId = userId;
        UserName = userName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        PlanId = planId;
        MeasureId = measureId;
        Changes = changes;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? UserId { get; private set; }
    public string UserName { get; private set; }
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public int? PlanId { get; private set; }
    /// <summary>The measure the change belongs to, for the measure's history page.</summary>
    public int? MeasureId { get; private set; }
    /// <summary>JSON object: field → { "old": …, "new": … }.</summary>
    public string Changes { get; private set; }
}

public class ReviewComment
{
    private ReviewComment() { AuthorId = null!; AuthorName = null!; Text = null!; }

    /// <param name="bodyName">The evaluation body the author writes for (<see cref="Plan.EvaluationBodyOf"/>); null for the secretariat's answers.</param>
    public ReviewComment(int reportingYearId, int? measureId, int? nodeId, string authorId, string authorName, string text, DateTimeOffset at, int? answersId = null,
        string? bodyName = null)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("A comment cannot be empty.", "error.emptyComment");
        ReportingYearId = reportingYearId;
        MeasureId = measureId;
        NodeId = nodeId;
        AuthorId = authorId;
        AuthorName = authorName;
        Text = text.Trim();
        At = at;
        AnswersId = answersId;
        BodyName = bodyName;
    }

    public int Id { get; private set; }
    public int ReportingYearId { get; private set; }
    public int? MeasureId { get; private set; }
    public int? NodeId { get; private set; }
    public string AuthorId { get; private set; }
    public string AuthorName { get; private set; }
    public string Text { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The comment this one answers (the secretariat's reply).</summary>
    public int? AnswersId { get; private set; }
    /// <summary>The evaluation body the author wrote for, as it was named then.</summary>
    public string? BodyName { get; private set; }
}

/// <summary>A reviewer's evaluation of a goal or policy for a year (内部評価 / 外部評価).</summary>
public class PolicyEvaluation
{
    private PolicyEvaluation() { ReviewerId = null!; ReviewerName = null!; Text = null!; }

    public PolicyEvaluation(int reportingYearId, int nodeId, string reviewerId, string reviewerName, EvaluationKind kind, string? grade, string text, DateTimeOffset at,
        string? bodyName = null)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("An evaluation needs its reasons.", "error.emptyEvaluation");
        ReportingYearId = reportingYearId;
        NodeId = nodeId;
        ReviewerId = reviewerId;
        ReviewerName = reviewerName;
        Kind = kind;
        Grade = grade;
        Text = text.Trim();
        At = at;
        BodyName = bodyName;
    }

    public int Id { get; private set; }
    public int ReportingYearId { get; private set; }
    public int NodeId { get; private set; }
    public string ReviewerId { get; private set; }
    public string ReviewerName { get; private set; }
    public EvaluationKind Kind { get; private set; }
    public string? Grade { get; private set; }
    public string Text { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The evaluation body the reviewer evaluated for, as it was named then.</summary>
    public string? BodyName { get; private set; }
}
