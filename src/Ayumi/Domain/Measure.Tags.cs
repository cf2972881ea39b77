namespace Ayumi.Domain;

/// <summary>A measure's place among the national plan's priority issues (docs/priority-issues.md).</summary>
public partial class Measure
{
    private readonly List<MeasureTag> _tags = [];

    /// <summary>The national plan's priority issues (and sub-areas) the measure serves: suggested, or confirmed by a person (<see cref="TagsConfirmedAt"/>).</summary>
    public IReadOnlyCollection<MeasureTag> Tags => _tags;
    /// <summary>Who confirmed or corrected the tags; null while they are the suggester's.</summary>
    public string? TagsConfirmedBy { get; private set; }
    public DateTimeOffset? TagsConfirmedAt { get; private set; }
    public bool TagsConfirmed => TagsConfirmedAt is not null;

    /// <summary>
    /// A person sets the measure's priority issues: the suggestion confirmed as it is, or corrected.
    /// No tag at all is an answer too: the measure serves none of the issues. Suggestions never replace these.
    /// </summary>
    public void ConfirmTags(IEnumerable<IssueTag> tags, string confirmedBy, DateTimeOffset at)
    {
        ReplaceTags(tags);
        TagsConfirmedBy = confirmedBy;
        TagsConfirmedAt = at;
    }

    /// <summary>Stores the suggester's tags, unless a person has confirmed the measure's tags.</summary>
    /// <returns>Whether the tags were stored.</returns>
    public bool SuggestTags(IEnumerable<IssueTag> tags)
    {
        if (TagsConfirmed) return false;
        ReplaceTags(tags);
        return true;
    }

    private void ReplaceTags(IEnumerable<IssueTag> tags)
    {
        var wanted = tags.Distinct().OrderBy(t => t.Issue.Number).ThenBy(t => t.Area, StringComparer.Ordinal).ToList();
        _tags.RemoveAll(t => !wanted.Contains(t.AsIssueTag));
        foreach (var tag in wanted)
            if (_tags.All(t => t.AsIssueTag != tag)) _tags.Add(new MeasureTag(this, tag));
    }
}
