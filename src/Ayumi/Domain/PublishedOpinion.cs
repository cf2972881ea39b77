namespace Ayumi.Domain;

/// <summary>
/// 主な意見と市（県）の考え方: an opinion the secretariat chose to publish from a year's review comments, in the wording it
/// publishes (the comment as written, or a summary of one or several), with the organisation's answer. It becomes public when
/// the year is published and leaves the public with the year; the comments themselves are never published. Chosen and
/// reworded only while the year is locked, so that what the public reads changes only by publishing again.
/// </summary>
public class PublishedOpinion
{
    private PublishedOpinion() { Opinion = null!; CommentIds = null!; ReportingYear = null!; }

    /// <param name="comments">The comments the opinion stands for: one chosen as it is, or several summarised.</param>
    /// <exception cref="DomainException">The year is not locked, no comment is chosen, a comment is of another year or an answer, or the wording is empty.</exception>
    public PublishedOpinion(ReportingYear year, IReadOnlyCollection<ReviewComment> comments, string? opinion, string? answer, int order)
    {
        EnsureEditable(year);
        if (comments.Count == 0) throw new DomainException("Choose the comments the opinion stands for.", "error.opinionNoComment");
        if (comments.Any(c => c.ReportingYearId != year.Id || c.AnswersId is not null))
            throw new DomainException("Only reviewers' comments of the year can be published.", "error.opinionOtherComment");
        ReportingYear = year;
        ReportingYearId = year.Id;
        CommentIds = comments.Select(c => c.Id).Order().ToList();
        var measures = comments.Select(c => c.MeasureId).Distinct().ToList();
        MeasureId = measures.Count == 1 ? measures[0] : null;
        var bodies = comments.Select(c => c.BodyName).Distinct().ToList();
        BodyName = bodies.Count == 1 ? bodies[0] : null;
        Order = order;
        Reword(year, opinion ?? (comments.Count == 1 ? comments.First().Text : null), answer);
    }

    public int Id { get; private set; }
    public int ReportingYearId { get; private set; }
    public ReportingYear ReportingYear { get; private set; }
    /// <summary>The measure the opinion is about; null when its comments are about several.</summary>
    public int? MeasureId { get; private set; }
    /// <summary>The body whose members wrote the comments; null when they came from several bodies or none.</summary>
    public string? BodyName { get; private set; }
    /// <summary>The published wording of the opinion.</summary>
    public string Opinion { get; private set; }
    /// <summary>市（県）の考え方: the organisation's answer; null until written.</summary>
    public string? Answer { get; private set; }
    public List<int> CommentIds { get; private set; }
    /// <summary>Where the opinion stands in the published list, from 1.</summary>
    public int Order { get; private set; }

    /// <exception cref="DomainException">The year is not locked, or the wording is empty.</exception>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Opinion))]
    public void Reword(ReportingYear year, string? opinion, string? answer)
    {
        EnsureEditable(year);
        if (string.IsNullOrWhiteSpace(opinion)) throw new DomainException("An opinion needs its published wording.", "error.opinionEmpty");
        Opinion = opinion.Trim();
        Answer = string.IsNullOrWhiteSpace(answer) ? null : answer.Trim();
    }

    /// <summary>Opinions are chosen and reworded while the year is locked: after review, before the public reads them.</summary>
    /// <exception cref="DomainException">The year is open or published.</exception>
    public static void EnsureEditable(ReportingYear year)
    {
        if (year.Status != ReportingStatus.Locked)
            throw new DomainException($"Opinions are chosen while {year.FiscalYear.ToJapanese()} is locked.", "error.opinionNeedsLock", year.FiscalYear.ToJapanese());
    }
}
