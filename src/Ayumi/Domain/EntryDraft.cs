namespace Ayumi.Domain;

/// <summary>The budget lines' cells as typed: the sub-items' names and the amounts keyed as the form keys them.</summary>
public sealed record TypedBudget(IReadOnlyList<string?> Items, IReadOnlyDictionary<string, string?> Cells)
{
    public bool IsTooLong => Items.Concat(Cells.Values).Any(t => t?.Length > TypedPart.MaxLength) || Cells.Count > 1000 || Items.Count > 100;
}

/// <summary>
/// The fields of a part's form as a person typed them, before checking: a budget may not be a number yet, so nothing is parsed.
/// </summary>
public sealed record TypedPart(
    string? PlannedWork,
    string? Results,
    string? Grade,
    TypedBudget? Budget,
    string? IssuesAndDirection,
    string? NextYearPlan,
    string? TargetProgress)
{
    /// <summary>The longest text a field of the entry form takes, as the saved part does.</summary>
    public const int MaxLength = 4000;

    /// <summary>
    /// Whether saving what was typed into the text fields and grade <paramref name="asked"/> would store <paramref name="stored"/>,
    /// whatever their blanks and line endings. The budget is compared by the form that reads its cells.
    /// </summary>
    public bool Says(PartContent stored, EntryFields asked)
    {
        static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.ReplaceLineEndings("\n").Trim();
        return (!asked.Asks(EntryFields.PlannedWork) || Text(PlannedWork) == Text(stored.PlannedWork))
            && (!asked.Asks(EntryFields.Results) || Text(Results) == Text(stored.Results))
            && (!asked.Asks(EntryFields.Grade) || Text(Grade) is null || Text(Grade) == stored.Grade)
            && (!asked.Asks(EntryFields.IssuesAndDirection) || Text(IssuesAndDirection) == Text(stored.IssuesAndDirection))
            && (!asked.Asks(EntryFields.NextYearPlan) || Text(NextYearPlan) == Text(stored.NextYearPlan))
            && (!asked.Asks(EntryFields.TargetProgress) || Text(TargetProgress) == Text(stored.TargetProgress));
    }

    public bool IsTooLong => new[] { PlannedWork, Results, Grade, IssuesAndDirection, NextYearPlan, TargetProgress }.Any(t => t?.Length > MaxLength) || Budget?.IsTooLong == true;
}

/// <summary>
/// What one person typed into a department's part and has not saved yet, kept while they type so that a closed tab or a
/// dropped session loses nothing. It is theirs alone, never the part: the part changes only when they save, and the draft
/// is gone once they do, or when they discard it. It records the version of the part it started from, so that saving a
/// restored draft over someone else's later save is shown as a conflict, not made silently.
/// </summary>
/// <remarks>Not in the audit trail: it is unsaved work, not a change of the plan's data, and it is replaced every few seconds.</remarks>
public class EntryDraft
{
    private EntryDraft() { UserId = null!; Typed = null!; }

    public EntryDraft(int entryPartId, string userId, TypedPart typed, int baseVersion, DateTimeOffset at)
    {
        EntryPartId = entryPartId;
        UserId = userId;
        Typed = typed;
        Keep(typed, baseVersion, at);
    }

    public int Id { get; private set; }
    public int EntryPartId { get; private set; }
    public string UserId { get; private set; }
    public TypedPart Typed { get; private set; }
    /// <summary>The part's version the typing started from.</summary>
    public int BaseVersion { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }

    /// <exception cref="DomainException">A field is longer than a part takes.</exception>
    public void Keep(TypedPart typed, int baseVersion, DateTimeOffset at)
    {
        if (typed.IsTooLong) throw new DomainException($"A field of the draft is longer than {TypedPart.MaxLength} characters.", "entry.tooLong");
        Typed = typed;
        BaseVersion = baseVersion;
        SavedAt = at;
    }
}
