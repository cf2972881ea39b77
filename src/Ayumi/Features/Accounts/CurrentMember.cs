using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Accounts;

/// <summary>The signed-in user's roles, read once per request.</summary>
public sealed record MemberRoles(string? UserId, string Name, bool IsAdministrator, IReadOnlyList<MemberRoles.Role> Roles)
{
    public sealed record Role(int OrganisationId, MemberRole Kind, IReadOnlyList<int> DepartmentIds);

    public static MemberRoles Anonymous { get; } = new(null, "", false, []);

    public bool IsSignedIn => UserId is not null;

    public bool Has(int organisationId, MemberRole kind) => Roles.Any(r => r.OrganisationId == organisationId && r.Kind == kind);

    public IReadOnlyList<int> EditableDepartments(int organisationId) =>
        Roles.Where(r => r.OrganisationId == organisationId && r.Kind == MemberRole.DepartmentEditor).SelectMany(r => r.DepartmentIds).Distinct().ToList();

    public IReadOnlyList<int> Organisations => Roles.Select(r => r.OrganisationId).Distinct().ToList();
}

/// <summary>
/// The signed-in user's roles, read from the database on each request (not cached across
/// requests): a membership removed or an account disabled takes effect on the very next request.
/// </summary>
public sealed class CurrentMember(IHttpContextAccessor http, AyumiDbContext db)
{
    private MemberRoles? _roles;

    public async Task<MemberRoles> GetAsync(CancellationToken ct = default)
    {
        if (_roles is not null) return _roles;
        // Set by SessionCheck once the cookie has been checked against the stored account.
        if (http.HttpContext is not { } context || SessionCheck.Of(context) is not { } account) return _roles = MemberRoles.Anonymous;
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == account.Id).ToListAsync(ct);
        return _roles = new MemberRoles(account.Id, account.Name, account.IsAdministrator,
            memberships.Select(m => new MemberRoles.Role(m.OrganisationId, m.Role, m.Departments.Select(d => d.DepartmentId).ToList())).ToList());
    }
}
