using Ayumi.Domain;
using Ayumi.Features.Import.Layout;

namespace Ayumi.Features.Import.Stages;

/// <summary>
/// The plans a file goes into. The plan is the one named in the options, else the one whose
/// period holds the sheets' fiscal years (when two do, the reader is asked; the latest plan is
/// never taken silently), else a new plan shaped after the first measure row (its depth) and
/// the headings (its level names and period). The next-plan columns go into its successor.
/// </summary>
internal sealed class PlanChoice(ImportContext import)
{
    private readonly List<string> _pendingNotes = [];
    private Plan? _chosen;

    public PlanState? Current { get; private set; }
    public PlanState? Next { get; private set; }

    /// <summary>Chooses the stored plan before any row is read; false (with the problem reported) when the reader must choose.</summary>
    public bool Choose(IReadOnlyList<SheetContext> sheets)
    {
        var organisation = import.Organisation;
        if (import.Options.PlanName is { } name)
        {
            _chosen = organisation.Plans.FirstOrDefault(p => p.Name == name);
            WantNewPlan(_chosen is null);
            return true;
        }
        if (organisation.Plans.Count == 0)
        {
            WantNewPlan(true);
            return true;
        }
        var years = sheets.SelectMany(s => s.Columns).Select(c => c.Year!.Value).Distinct().Order().ToList();
        var holding = organisation.Plans.Where(p => years.All(p.Covers)).OrderBy(p => p.PeriodStart).ThenBy(p => p.Generation).ToList();
        if (holding.Count == 1)
        {
            _chosen = holding[0];
            return true;
        }
        var yearsText = string.Join("、", years.Select(y => y.ToJapanese()));
        if (holding.Count > 1)
        {
            import.Report.PlanChoices.AddRange(holding.Select(p => p.Name));
            import.Error(import.File, "import.choosePlan",
                $"The periods of {string.Join(", ", holding.Select(p => p.Name))} all hold the sheet's years ({yearsText}); choose the plan to import into.",
                yearsText, string.Join("、", holding.Select(p => p.Name)));
            return false;
        }
        WantNewPlan(true);
        _chosen = organisation.CurrentPlan ?? organisation.Plans.OrderByDescending(p => p.Generation).ThenByDescending(p => p.PeriodEnd).First();
        // The only plan is no choice (its next year's sheet lies past a period guessed from one sheet); among several, the reader is told.
        if (organisation.Plans.Count > 1) import.Warning(import.File, "import.noPlanHoldsYears",
            $"No plan's period holds the sheet's years ({yearsText}); the file is read into {_chosen.Name}. Choose another plan on the import screen if this is wrong.",
            yearsText, _chosen.Name);
        return true;
    }

    /// <summary>No stored plan is meant and the options do not say how to shape a new one: the reader is offered to create it from the sheet.</summary>
    private void WantNewPlan(bool noPlanMeant) => import.Report.WantsNewPlan = noPlanMeant && import.Options.NewPlan is null;

    /// <summary>The plan the measure rows go into, created at the first measure row when there is none.</summary>
    public PlanState For(SheetContext sheet, int depth)
    {
        if (Current is null)
        {
            Current = new PlanState(_chosen ?? Create(sheet, depth));
            import.Report.PlanNames.Add(Current.Plan.Name);
        }
        foreach (var note in _pendingNotes.Where(n => !Current.Plan.Notes.Contains(n))) Current.Plan.Notes.Add(note);
        _pendingNotes.Clear();
        return Current;
    }

    /// <summary>A note (※…) for the plan, kept until the plan is known.</summary>
    public void AddNote(string note)
    {
        if (Current is { } state) { if (!state.Plan.Notes.Contains(note)) state.Plan.Notes.Add(note); }
        else _pendingNotes.Add(note);
    }

    private Plan Create(SheetContext sheet, int depth)
    {
        var settings = import.Options.NewPlan ?? new NewPlanSettings();
        var years = sheet.Columns.Select(c => c.Year!.Value).ToList();
        var start = settings.PeriodStart ?? (years.Count > 0 ? years.Min() : import.Options.Year)
            ?? throw new DomainException("the sheet names no fiscal year, so the new plan's period is unknown; choose the year on the import screen (--year).", "import.noPlanYear");
        var end = settings.PeriodEnd ?? (years.Count > 0 ? years.Max() : start);
        var organisation = import.Organisation;
        var plan = organisation.AddPlan(import.Options.PlanName ?? $"{organisation.Name}再犯防止推進計画", settings.Generation, start, end);
        plan.SetLevels(settings.Levels ?? LevelsFrom(sheet.Layout, depth));
        if (settings.GradeScale is { } scale) plan.SetGradeScale(scale);
        if (settings.Predecessor is { } predecessor && organisation.Plans.FirstOrDefault(p => p.Name == predecessor) is { } earlier) plan.FollowOn(earlier);
        plan.Source = settings.Source ?? $"{import.Report.FileName} ({sheet.Sheet.Name})";
        foreach (var note in settings.Notes ?? []) plan.Notes.Add(note);
        import.Report.Counts.PlansCreated++;
        return plan;
    }

    /// <summary>Level names from the headings: 基本目標 / 施策の方向性 / 事業, defaults where the sheet has none.</summary>
    public static List<PlanLevel> LevelsFrom(SheetLayout layout, int depth)
    {
        // A flat list (no goals, sections or hierarchical codes) puts its measures under one node named after the sheet.
        depth = Math.Max(depth, 1);
        var names = new List<string>();
        if (layout.Find(ImportField.Goal) is { } goal) names.Add(ShortHeading(goal, "基本目標"));
        if (layout.Find(ImportField.Policy) is { } policy) names.Add(ShortHeading(policy, "施策"));
        string[] defaults = ["基本目標", "施策", "小施策", "細施策"];
        for (var i = names.Count; i < depth; i++) names.Add(defaults[Math.Min(i, defaults.Length - 1)]);
        names = names.Take(depth).ToList();
        names.Add(layout.Find(ImportField.Title) is { } title ? ShortHeading(title, "取組") : "取組");
        return names.Select(n => new PlanLevel(n)).ToList();
    }

    private static string ShortHeading(ColumnMapping column, string fallback)
    {
        var first = column.Heading.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return first.Length is > 0 and <= 10 ? first : fallback;
    }

    /// <summary>
    /// The plan the next-plan columns (第二次…計画上の事業名) describe: the current plan's
    /// successor, found by predecessor link or by the name in the heading, or created after it.
    /// </summary>
    public PlanState NextFor(PlanState current, ColumnMapping column)
    {
        if (Next is not null) return Next;
        var organisation = import.Organisation;
        var name = column.NextPlanName ?? $"次期{current.Plan.Name}";
        var existing = organisation.Plans.FirstOrDefault(p => p.Predecessor == current.Plan) ?? organisation.Plans.FirstOrDefault(p => p.Name == name);
        if (existing is null)
        {
            var start = current.Plan.PeriodEnd.Next;
            existing = organisation.AddPlan(name, current.Plan.Generation + 1, start, new FiscalYear(start.StartYear + 4));
            existing.SetLevels(current.Plan.Levels);
            existing.FollowOn(current.Plan);
            existing.Source = current.Plan.Source;
            import.Report.Counts.PlansCreated++;
        }
        Next = new PlanState(existing);
        import.Report.PlanNames.Add(existing.Name);
        return Next;
    }

    /// <summary>Marks the years read into each plan as published, when the options ask for it (past sheets that were public).</summary>
    public void PublishYearsRead()
    {
        if (!import.Options.PublishYears) return;
        foreach (var state in new[] { Current, Next }.OfType<PlanState>())
        {
            if (!import.Report.YearsRead.TryGetValue(state.Plan.Name, out var years)) continue;
            var before = state.Plan.PublishedYears.Count;
            state.Plan.RecordPublishedYears(years);
            import.Report.Counts.YearsPublished += state.Plan.PublishedYears.Count - before;
        }
    }
}
