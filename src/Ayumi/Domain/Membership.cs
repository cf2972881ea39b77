namespace Ayumi.Domain;

/// <summary>What a user may do in one organisation.</summary>
public enum MemberRole
{
    /// <summary>事務局: builds the plan, opens, locks and publishes years, reviews submissions.</summary>
    Secretariat,
    /// <summary>担当課: fills in the entries of the departments assigned to them.</summary>
    DepartmentEditor,
    /// <summary>推進会議・委員会の委員: reads locked years, comments and evaluates.</summary>
    Reviewer,
}

/// <summary>
/// A user's role in an organisation; department editors also name the departments whose
/// entries they fill in. Administrators are not members: they act across organisations.
/// </summary>
public class Membership
{
    private readonly List<MembershipDepartment> _departments = [];

    private Membership() { UserId = null!; Organisation = null!; }

    public Membership(string userId, Organisation organisation, MemberRole role)
    {
        UserId = userId;
        Organisation = organisation;
        OrganisationId = organisation.Id;
        Role = role;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; }
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; }
    public MemberRole Role { get; private set; }
    public IReadOnlyCollection<MembershipDepartment> Departments => _departments;

    /// <exception cref="DomainException">The department belongs to another organisation, or the member is not a department editor.</exception>
    public void AssignDepartment(Department department)
    {
        if (Role != MemberRole.DepartmentEditor) throw new DomainException("Only department editors are assigned departments.", "domain.departmentsForEditorsOnly");
        if (department.OrganisationId != OrganisationId) throw new DomainException($"{department.Name} belongs to another organisation.", "domain.otherOrganisationDepartment", department.Name);
        if (_departments.All(d => d.DepartmentId != department.Id)) _departments.Add(new MembershipDepartment(department.Id));
    }
}

public class MembershipDepartment
{
    private MembershipDepartment() { }
    internal MembershipDepartment(int departmentId) => DepartmentId = departmentId;
    public int MembershipId { get; private set; }
    public int DepartmentId { get; private set; }
}
