namespace Ayumi.Domain;

/// <summary>A priority issue a measure serves, optionally narrowed to a sub-area (or numbered measure) of the national plan.</summary>
public readonly record struct IssueTag(PriorityIssue Issue, string? Area = null)
{
    /// <exception cref="DomainException">The area is too long.</exception>
    public static IssueTag Of(int issue, string? area = null)
    {
        var trimmed = string.IsNullOrWhiteSpace(area) ? null : area.Trim();
        if (trimmed?.Length > MeasureTag.AreaLength) throw new DomainException($"A sub-area code has at most {MeasureTag.AreaLength} characters.", "domain.tagAreaTooLong", MeasureTag.AreaLength);
        return new IssueTag(PriorityIssue.Numbered(issue), trimmed);
    }
}

/// <summary>One stored tag of a measure (see <see cref="Measure.Tags"/>).</summary>
public class MeasureTag
{
    public const int AreaLength = 50;

    private MeasureTag() { Measure = null!; }

    internal MeasureTag(Measure measure, IssueTag tag)
    {
        Measure = measure;
        Issue = tag.Issue.Number;
        Area = tag.Area;
    }

    public int Id { get; private set; }
    public int MeasureId { get; private set; }
    public Measure Measure { get; private set; }
    /// <summary>The priority issue's number, 1–7.</summary>
    public int Issue { get; private set; }
    /// <summary>The sub-area's code in the national plan's reference tree, or null for the issue as a whole.</summary>
    public string? Area { get; private set; }

    public IssueTag AsIssueTag => new(PriorityIssue.Numbered(Issue), Area);
}
