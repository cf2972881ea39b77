namespace Ayumi.Domain;

/// <summary>
/// An administrative unit of an organisation (部, 課 or 係/班), placed in the tree of its
/// organisation, with the other spellings sheets use for it.
/// </summary>
public class Department
{
    private readonly List<Department> _children = [];
    private readonly List<DepartmentAlias> _aliases = [];

    private Department() { Name = null!; Organisation = null!; }

    internal Department(Organisation organisation, Department? parent, string name)
    {
        Organisation = organisation;
        Parent = parent;
        Name = name;
        Level = DepartmentPath.LevelOf(name);
    }

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; }
    public int? ParentId { get; private set; }
    public Department? Parent { get; private set; }
    public string Name { get; private set; }
    public DepartmentLevel Level { get; private set; }
    public IReadOnlyCollection<Department> Children => _children;
    public IReadOnlyCollection<DepartmentAlias> Aliases => _aliases;

    /// <summary>The units from the top of the organisation down to this one.</summary>
    public DepartmentPath Path
    {
        get
        {
            var units = new List<string>();
            for (var d = this; d is not null; d = d.Parent) units.Insert(0, d.Name);
            return new DepartmentPath(units);
        }
    }

    /// <summary>社会福祉課(団体指導班): the section with its unit, as the sheets write it.</summary>
    public string DisplayName => Parent is { Level: DepartmentLevel.Section } section ? $"{section.Name}({Name})" : Name;

    public bool HasAlias(string writtenName) => _aliases.Any(a => a.Name == writtenName.Trim());

    public void AddAlias(string writtenName)
    {
        if (!HasAlias(writtenName)) _aliases.Add(new DepartmentAlias(writtenName.Trim()));
    }

    internal void AdoptChild(Department child) => _children.Add(child);
}

/// <summary>Another spelling of a department's name, such as 社会福祉課(団体指導班).</summary>
public class DepartmentAlias
{
    private DepartmentAlias() { Name = null!; }
    internal DepartmentAlias(string name) => Name = name;
    public int Id { get; private set; }
    public string Name { get; private set; }
}
