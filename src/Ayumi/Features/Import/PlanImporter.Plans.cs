using Ayumi.Domain;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import;

public sealed partial class PlanImporter
{
    /// <summary>
    /// The plan the file goes into: the one named in the options, else the organisation's
    /// current plan (a draft of the next plan is filled only when named), else its latest, else a new plan shaped after the first measure row (its depth) and the
    /// headings (its level names and period).
    /// </summary>
    private PlanState PlanFor(Sheet sheet, SheetLayout layout, int depth, IReadOnlyList<BoundColumn> columns, List<string> pendingNotes)
    {
        if (_plan is null)
        {
            var existing = _options.PlanName is { } name
                ? _organisation.Plans.FirstOrDefault(p => p.Name == name)
                : _organisation.CurrentPlan ?? _organisation.Plans.OrderByDescending(p => p.Generation).ThenByDescending(p => p.PeriodEnd).FirstOrDefault();
            _plan = existing is not null ? new PlanState(existing, isNew: false) : new PlanState(CreatePlan(sheet, layout, depth, columns), isNew: true);
            _report.PlanNames.Add(_plan.Plan.Name);
        }
        foreach (var note in pendingNotes.Where(n => !_plan.Plan.Notes.Contains(n))) _plan.Plan.Notes.Add(note);
        pendingNotes.Clear();
        return _plan;
    }

    private Plan CreatePlan(Sheet sheet, SheetLayout layout, int depth, IReadOnlyList<BoundColumn> columns)
    {
        var settings = _options.NewPlan ?? new NewPlanSettings();
        var years = columns.Select(c => c.Year!.Value).ToList();
        var start = settings.PeriodStart ?? (years.Count > 0 ? years.Min() : _options.Year)
            ?? throw new DomainException("the sheet names no fiscal year, so the new plan's period is unknown; choose the year on the import screen (--year).");
        var end = settings.PeriodEnd ?? (years.Count > 0 ? years.Max() : start);
        var plan = _organisation.AddPlan(_options.PlanName ?? $"{_organisation.Name}再犯防止推進計画", settings.Generation, start, end);
        plan.SetLevels(settings.Levels ?? LevelsFrom(layout, depth));
        if (settings.GradeScale is { } scale) plan.SetGradeScale(scale);
        plan.Source = settings.Source ?? $"{_report.FileName} ({sheet.Name})";
        foreach (var note in settings.Notes ?? []) plan.Notes.Add(note);
        _report.Counts.PlansCreated++;
        return plan;
    }

    /// <summary>Level names from the headings: 基本目標 / 施策の方向性 / 事業, defaults where the sheet has none.</summary>
    private static List<PlanLevel> LevelsFrom(SheetLayout layout, int depth)
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
    private PlanState NextPlanFor(PlanState current, ColumnMapping column)
    {
        if (_nextPlan is not null) return _nextPlan;
        var name = column.NextPlanName ?? $"次期{current.Plan.Name}";
        var existing = _organisation.Plans.FirstOrDefault(p => p.Predecessor == current.Plan) ?? _organisation.Plans.FirstOrDefault(p => p.Name == name);
        if (existing is null)
        {
            var start = current.Plan.PeriodEnd.Next;
            existing = _organisation.AddPlan(name, current.Plan.Generation + 1, start, new FiscalYear(start.StartYear + 4));
            existing.SetLevels(current.Plan.Levels);
            existing.FollowOn(current.Plan);
            existing.Source = current.Plan.Source;
            _report.Counts.PlansCreated++;
        }
        _nextPlan = new PlanState(existing, isNew: false);
        _report.PlanNames.Add(existing.Name);
        return _nextPlan;
    }

    /// <summary>
    /// The department a sheet names: the one chosen for that name on the preview, else the
    /// one it already means, else a new one (with a warning when the organisation already had
    /// departments, so that a typo is noticed before it becomes a department).
    /// </summary>
    private Department DepartmentFor(DepartmentPath path, SourceLocation where)
    {
        if (_options.DepartmentMap?.TryGetValue(path.Written, out var id) == true)
        {
            var chosen = _organisation.Departments.FirstOrDefault(d => d.Id == id)
                ?? throw new DomainException($"the department chosen for '{path.Written}' does not belong to {_organisation.Name}.");
            if (!chosen.HasAlias(path.Written) && chosen.Path.ToString() != path.Written) chosen.AddAlias(path.Written);
            return chosen;
        }
        var found = FindDepartment(path);
        if (found is not null) return found;
        if (_organisationHadDepartments && _warnedDepartments.Add(path.Written))
            Warning(where, "import.newDepartment", $"'{path.Written}' is not a department of {_organisation.Name} yet; it will be created unless you choose an existing one.", path.Written);
        return _organisation.ResolveDepartment(path);
    }

    /// <summary>
    /// <see cref="Organisation.FindDepartment(DepartmentPath)"/>, remembered by written name while
    /// no department is added: it builds every department's path, and a sheet names the same
    /// few dozen departments on thousands of rows.
    /// </summary>
    private Department? FindDepartment(DepartmentPath path)
    {
        if (_foundDepartmentsCount != _organisation.Departments.Count)
        {
            _foundDepartments.Clear();
            _foundDepartmentsCount = _organisation.Departments.Count;
        }
        if (_foundDepartments.TryGetValue(path.Written, out var known)) return known;
        var found = _organisation.FindDepartment(path);
        if (found is not null) _foundDepartments[path.Written] = found;
        return found;
    }

    private readonly Dictionary<string, Department> _foundDepartments = [];
    private int _foundDepartmentsCount = -1;
}
