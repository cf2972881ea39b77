namespace Ayumi.Domain;

/// <summary>
/// What the secretariat decides about a plan before its first year is reported: its name and
/// generation, its period, the names of its levels (the last names the measures), its grade
/// scale and the plan it follows.
/// </summary>
public sealed record PlanSettings(string Name, int Generation, FiscalYear PeriodStart, FiscalYear PeriodEnd, IReadOnlyList<PlanLevel> Levels, GradeScale GradeScale, Plan? Predecessor);

public sealed partial record PlanLevel
{
    private static readonly char[] Separators = ['、', ',', '，', '\n', '→', '/'];

    /// <summary>Level names as people list them: 基本目標、施策 or 基本目標,施策 (full-width forms too).</summary>
    public static IReadOnlyList<PlanLevel> ParseNames(string? text) =>
        (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => new PlanLevel(n)).ToList();
}

public partial class Plan
{
    /// <summary>Whether a year of the plan has been published: from then on its settings are the public record's and stay as they are.</summary>
    public bool SettingsLocked => _reportingYears.Any(r => r.Status == ReportingStatus.Published);

    public PlanSettings Settings => new(Name, Generation, PeriodStart, PeriodEnd, Levels, GradeScale, Predecessor);

    /// <summary>
    /// Changes the plan's settings; the audit trail records each changed value. Years that
    /// already have entries or are in the cycle must stay inside the period, grades already given
    /// must stay on the scale, and the number of levels is fixed once the plan has goals or policies.
    /// </summary>
    /// <exception cref="DomainException">A year is published, or a setting breaks one of those rules.</exception>
    public void ChangeSettings(PlanSettings settings)
    {
        if (SettingsLocked) throw new DomainException($"{Name} has a published year; its settings can no longer change.", "planSettings.locked", Name);
        Validate(Organisation, this, settings);
        var outside = _reportingYears.Select(r => r.FiscalYear).Concat(_measures.SelectMany(m => m.Entries).Select(e => e.FiscalYear))
            .Where(y => y < settings.PeriodStart || y > settings.PeriodEnd).Order().ToList();
        if (outside.Count > 0)
            throw new DomainException($"{outside[0].ToJapanese()} already has entries and must stay inside the period.", "planSettings.yearInUse", outside[0].ToJapanese());
        if (settings.Levels.Count != Levels.Count && _nodes.Count > 0)
            throw new DomainException("The plan already has goals or policies: the names of its levels can change, not their number.", "planSettings.levelsInUse");
        var givenGrades = _measures.SelectMany(m => m.Entries).Select(e => e.Grade).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var offScale = givenGrades.Where(g => settings.GradeScale.Find(g) is null).ToList();
        if (offScale.Count > 0)
            throw new DomainException($"Grades {string.Join(", ", offScale)} are already given and must stay on the scale.", "planSettings.gradesInUse", string.Join("、", offScale));
        Name = settings.Name.Trim();
        Generation = settings.Generation;
        PeriodStart = settings.PeriodStart;
        PeriodEnd = settings.PeriodEnd;
        Levels = [.. settings.Levels];
        SetGradeScale(settings.GradeScale);
        Predecessor = settings.Predecessor;
    }

    /// <summary>The fields the departments' entry form asks for when the plan's progress sheet has <paramref name="layout"/>.</summary>
    public EntryFields AskedEntryFields(ReportTemplate layout) => AskedEntryFields(ChosenEntryFields, layout, GradeScale.IsGraded);

    /// <summary>The secretariat's choice, or the fields the layout prints; a grade only when the plan grades its measures.</summary>
    public static EntryFields AskedEntryFields(EntryFields? chosen, ReportTemplate layout, bool graded)
    {
        var asked = chosen ?? layout.EntryFields;
        return graded ? asked : asked & ~EntryFields.Grade;
    }

    /// <summary>
    /// Chooses the fields the entry form asks for; null goes back to those the layout prints. Unlike the settings above it may
    /// change after publication: it changes what departments are asked, never what was reported, and a field no longer asked
    /// keeps its stored values.
    /// </summary>
    /// <exception cref="DomainException">No field is chosen.</exception>
    public void ChooseEntryFields(EntryFields? fields)
    {
        if (fields is { } chosen && (chosen & EntryFields.All) == EntryFields.None)
            throw new DomainException("The entry form must ask for at least one field.", "entryFields.none");
        ChosenEntryFields = fields & EntryFields.All;
    }

    /// <summary>The rules every plan's settings follow, for a new plan (<paramref name="plan"/> null) or a changed one.</summary>
    internal static void Validate(Organisation organisation, Plan? plan, PlanSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Name)) throw new DomainException("A plan needs a name.", "error.planName");
        if (organisation.Plans.Any(p => p != plan && p.Name == settings.Name.Trim()))
            throw new DomainException($"{organisation.Name} already has a plan named '{settings.Name.Trim()}'.", "error.planNameTaken", settings.Name.Trim());
        if (settings.Generation < 1) throw new DomainException($"A plan's generation starts at 1 (第1次), not {settings.Generation}.", "domain.planGeneration", settings.Generation);
        if (settings.PeriodEnd < settings.PeriodStart)
            throw new DomainException($"The plan period ends ({settings.PeriodEnd.ToJapanese()}) before it starts ({settings.PeriodStart.ToJapanese()}).", "domain.planPeriod", settings.PeriodEnd.ToJapanese(), settings.PeriodStart.ToJapanese());
        if (settings.Levels.Count < 2 || settings.Levels.Any(l => string.IsNullOrWhiteSpace(l.Name)))
            throw new DomainException("A plan's tree needs at least one level above its measures, each with a name.", "planSettings.levels");
        if (settings.GradeScale.Grades.Any(g => string.IsNullOrWhiteSpace(g.Symbol) || string.IsNullOrWhiteSpace(g.Label) || g.Meaning is null))
            throw new DomainException("Each grade needs a symbol, a label and a meaning.", "planSettings.gradeIncomplete");
        if (settings.Predecessor is { } predecessor)
        {
            if (predecessor.Organisation != organisation) throw new DomainException("A plan can only follow a plan of the same organisation.", "planSettings.predecessorElsewhere");
            for (var earlier = predecessor; earlier is not null; earlier = earlier.Predecessor)
                if (earlier == plan) throw new DomainException("A plan cannot follow itself or a plan that follows it.", "planSettings.predecessorCycle");
        }
    }
}
