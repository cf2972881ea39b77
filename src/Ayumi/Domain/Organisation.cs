namespace Ayumi.Domain;

public enum OrganisationKind
{
    Prefecture,
    Municipality,
}

/// <summary>A prefecture or municipality that runs recidivism-prevention plans.</summary>
public class Organisation
{
    private readonly List<Department> _departments = [];
    private readonly List<Plan> _plans = [];

    private Organisation() { Code = null!; Name = null!; }

    public Organisation(LocalGovernmentCode code, string name)
    {
        Code = code;
        Name = name;
        Kind = code.IsPrefecture ? OrganisationKind.Prefecture : OrganisationKind.Municipality;
    }

    public int Id { get; private set; }
    public LocalGovernmentCode Code { get; private set; }
    public string Name { get; private set; }
    public OrganisationKind Kind { get; private set; }
    public IReadOnlyCollection<Department> Departments => _departments;
    public IReadOnlyCollection<Plan> Plans => _plans;

    public Plan AddPlan(string name, int generation, FiscalYear periodStart, FiscalYear periodEnd)
    {
        if (_plans.Any(p => p.Name == name)) throw new DomainException($"{Name} already has a plan named '{name}'.", "domain.planNameTwice", Name, name);
        var plan = new Plan(this, name, generation, periodStart, periodEnd);
        _plans.Add(plan);
        return plan;
    }

    /// <summary>The plan in force: the latest published one (by generation, then period); null when none is published.</summary>
    public Plan? CurrentPlan => _plans.Where(p => p.Status == PlanStatus.Published).OrderByDescending(p => p.Generation).ThenByDescending(p => p.PeriodStart).FirstOrDefault();

    /// <summary>
    /// 次期計画の案: a draft of the plan that follows <paramref name="current"/>, with its tree,
    /// running measures, departments and indicators copied and linked to their origins.
    /// </summary>
    /// <exception cref="DomainException">The plan is not this organisation's, the name is taken, or the period does not start after the current plan's start.</exception>
    public Plan DraftNextPlan(Plan current, string name, FiscalYear periodStart, FiscalYear periodEnd)
    {
        if (current.Organisation != this) throw new DomainException($"{current.Name} is not a plan of {Name}.");
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("A plan needs a name.", "error.planName");
        if (periodStart <= current.PeriodStart)
            throw new DomainException($"The next plan must start after {current.PeriodStart.ToJapanese()}, when {current.Name} starts.", "error.draftStartsTooEarly", current.PeriodStart.ToJapanese());
        if (_plans.Any(p => p.Name == name.Trim())) throw new DomainException($"{Name} already has a plan named '{name.Trim()}'.", "error.planNameTaken", name.Trim());
        var draft = new Plan(this, name.Trim(), current.Generation + 1, periodStart, periodEnd);
        draft.MarkDraft();
        draft.FollowOn(current);
        draft.SetLevels(current.Levels);
        draft.SetGradeScale(current.GradeScale);
        draft.EvaluationBodies.AddRange(current.EvaluationBodies);
        draft.BasicPhilosophy = current.BasicPhilosophy;
        draft.ReportTemplateName = current.ReportTemplateName;
        current.CopyInto(draft);
        _plans.Add(draft);
        return draft;
    }

    /// <summary>
    /// The department a sheet means by <paramref name="writtenName"/>: an alias, its full path
    /// with units separated by spaces (as plan files write it), or the unit
    /// whose path ends with the written units (社会福祉課 finds 福祉保健部 / 社会福祉課);
    /// null when none or several match.
    /// </summary>
    public Department? FindDepartment(string writtenName) => FindDepartment(DepartmentPath.Parse(writtenName));

    public Department? FindDepartment(DepartmentPath path)
    {
        var byAlias = _departments.Where(d => d.HasAlias(path.Written) || d.Path.ToString() == path.Written).ToList();
        if (byAlias.Count == 1) return byAlias[0];
        var matches = _departments.Where(d => d.Path.EndsWith(path.Units)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>
    /// Finds the department meant by <paramref name="writtenName"/>, creating the units that
    /// do not exist yet, and records the written form as an alias when it differs.
    /// </summary>
    public Department ResolveDepartment(string writtenName) => ResolveDepartment(DepartmentPath.Parse(writtenName));

    public Department ResolveDepartment(DepartmentPath path)
    {
        var found = FindDepartment(path);
        if (found is not null) return found;
        var department = AddDepartmentPath(path.Units);
        if (department.Path.ToString() != path.Written) department.AddAlias(path.Written);
        return department;
    }

    /// <summary>Adds the units of <paramref name="units"/> (top first) that do not exist yet.</summary>
    public Department AddDepartmentPath(IReadOnlyList<string> units)
    {
        Department? parent = null;
        for (var i = 0; i < units.Count; i++)
        {
            var name = units[i];
            var existing = parent is null
                ? (i == 0 ? FindTopOrUnique(name) : null)
                : parent.Children.FirstOrDefault(c => c.Name == name);
            if (existing is null)
            {
                existing = new Department(this, parent, name);
                _departments.Add(existing);
                parent?.AdoptChild(existing);
            }
            parent = existing;
        }
        return parent ?? throw new ArgumentException("A department path needs at least one unit.", nameof(units));
    }

    private Department? FindTopOrUnique(string name)
    {
        var candidates = _departments.Where(d => d.Name == name).ToList();
        return candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(d => d.Parent is null);
    }
}
