namespace Ayumi.Domain;

public enum OrganisationKind
{
    Prefecture,
    Municipality,
    /// <summary>広域連合・一部事務組合: a union of local governments, not in the national list and entered by hand.</summary>
    WideAreaUnion,
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

    /// <summary>The organisation as the national list of local governments describes it: kind, prefecture, reading, parent and population.</summary>
    public static Organisation From(LocalGovernment listed)
    {
        var organisation = new Organisation(listed.Code, listed.Name);
        organisation.Describe(listed);
        return organisation;
    }

    /// <summary>A 広域連合 or 一部事務組合, which the national list does not hold: its code and name as the union writes them.</summary>
    /// <exception cref="DomainException">The name or the reading is empty, or the population is negative.</exception>
    public static Organisation WideAreaUnion(LocalGovernmentCode code, string name, string reading, string? prefecture, int? population)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("A wide-area union needs a name.", "organisationNew.unionName");
        if (string.IsNullOrWhiteSpace(reading)) throw new DomainException("A wide-area union needs a reading.", "organisationNew.unionReading");
        if (population < 0) throw new DomainException("A population cannot be negative.", "organisationNew.unionPopulation");
        return new Organisation(code, name.Trim())
        {
            Kind = OrganisationKind.WideAreaUnion,
            Reading = reading.Trim(),
            Prefecture = string.IsNullOrWhiteSpace(prefecture) ? null : prefecture.Trim(),
            Population = population,
        };
    }

    public int Id { get; private set; }
    public LocalGovernmentCode Code { get; private set; }
    public string Name { get; private set; }
    public OrganisationKind Kind { get; private set; }
    /// <summary>都道府県名: the prefecture itself for a prefecture.</summary>
    public string? Prefecture { get; private set; }
    /// <summary>The name's reading in hiragana (えなし).</summary>
    public string? Reading { get; private set; }
    /// <summary>The prefecture a municipality belongs to; null for a prefecture and for a union.</summary>
    public LocalGovernmentCode? ParentCode { get; private set; }
    /// <summary>Residents on the list's reference date (住民基本台帳, 1 January 2022), for figures per head.</summary>
    public int? Population { get; private set; }
    public IReadOnlyCollection<Department> Departments => _departments;
    public IReadOnlyCollection<Plan> Plans => _plans;

    /// <summary>
    /// Fills what the national list says and this organisation does not have yet (an
    /// organisation created before the list, or from a plan file); a stored value is never replaced.
    /// </summary>
    /// <exception cref="DomainException">The entry is another code's.</exception>
    public void Describe(LocalGovernment listed)
    {
        if (listed.Code != Code) throw new DomainException($"{listed.Name} ({listed.Code}) is not {Name} ({Code}).", "domain.otherListedCode", listed.Name, listed.Code.Value, Name, Code.Value);
        Prefecture ??= listed.Prefecture;
        Reading ??= listed.Reading;
        ParentCode ??= listed.Parent;
        Population ??= listed.Population;
    }

    public Plan AddPlan(string name, int generation, FiscalYear periodStart, FiscalYear periodEnd)
    {
        if (_plans.Any(p => p.Name == name)) throw new DomainException($"{Name} already has a plan named '{name}'.", "domain.planNameTwice", Name, name);
        var plan = new Plan(this, name, generation, periodStart, periodEnd);
        _plans.Add(plan);
        return plan;
    }

    /// <summary>
    /// The secretariat's new plan, set up on screen: a draft (not public) whose tree and measures
    /// are then added or imported, published when adopted.
    /// </summary>
    /// <exception cref="DomainException">A setting breaks a rule of <see cref="Plan.ChangeSettings"/>.</exception>
    public Plan CreatePlan(PlanSettings settings)
    {
        Plan.Validate(this, null, settings);
        var plan = new Plan(this, settings.Name.Trim(), settings.Generation, settings.PeriodStart, settings.PeriodEnd);
        plan.MarkDraft();
        plan.ChangeSettings(settings);
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
        if (current.Organisation != this) throw new DomainException($"{current.Name} is not a plan of {Name}.", "domain.otherOrganisationPlan", current.Name, Name);
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
