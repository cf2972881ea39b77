using Ayumi.Domain;

namespace Ayumi.Features.Import.Stages;

/// <summary>
/// The department a sheet names: the one chosen for that name on the preview, else the one it
/// already means, else a new one (with a warning when the organisation already had departments,
/// so that a typo is noticed before it becomes a department).
/// </summary>
internal sealed class DepartmentResolver(ImportContext import)
{
    private readonly bool _organisationHadDepartments = import.Organisation.Departments.Count > 0;
    private readonly HashSet<string> _warned = [];
    private readonly Dictionary<string, Department> _found = [];
    private int _foundCount = -1;

    public Department For(DepartmentPath path, SourceLocation where)
    {
        var organisation = import.Organisation;
        if (import.Options.DepartmentMap?.TryGetValue(path.Written, out var id) == true)
        {
            var chosen = organisation.Departments.FirstOrDefault(d => d.Id == id)
                ?? throw new DomainException($"the department chosen for '{path.Written}' does not belong to {organisation.Name}.", "import.departmentElsewhere", path.Written, organisation.Name);
            if (!chosen.HasAlias(path.Written) && chosen.Path.ToString() != path.Written) chosen.AddAlias(path.Written);
            return chosen;
        }
        var found = Find(path);
        if (found is not null) return found;
        if (_organisationHadDepartments && _warned.Add(path.Written))
            import.Warning(where, "import.newDepartment", $"'{path.Written}' is not a department of {organisation.Name} yet; it will be created unless you choose an existing one.", path.Written);
        return organisation.ResolveDepartment(path);
    }

    /// <summary>
    /// <see cref="Organisation.FindDepartment(DepartmentPath)"/>, remembered by written name while
    /// no department is added: it builds every department's path, and a sheet names the same
    /// few dozen departments on thousands of rows.
    /// </summary>
    private Department? Find(DepartmentPath path)
    {
        var organisation = import.Organisation;
        if (_foundCount != organisation.Departments.Count)
        {
            _found.Clear();
            _foundCount = organisation.Departments.Count;
        }
        if (_found.TryGetValue(path.Written, out var known)) return known;
        var found = organisation.FindDepartment(path);
        if (found is not null) _found[path.Written] = found;
        return found;
    }
}
