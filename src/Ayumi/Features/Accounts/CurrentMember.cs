using System.Security.Claims;
using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

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
/// The signed-in user's roles. They are kept for <see cref="CacheFor"/> so that a request
/// does not look them up again; changing a user's memberships calls <see cref="Forget"/>.
/// </summary>
public sealed class CurrentMember(IHttpContextAccessor http, AyumiDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private MemberRoles? _roles;

    public async Task<MemberRoles> GetAsync(CancellationToken ct = default)
    {
        if (_roles is not null) return _roles;
        var userId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return _roles = MemberRoles.Anonymous;
        if (cache.TryGetValue(Key(userId), out MemberRoles? cached)) return _roles = cached!;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return _roles = MemberRoles.Anonymous;
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync(ct);
        _roles = new MemberRoles(user.Id, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? user.UserName ?? "" : user.DisplayName, user.IsAdministrator,
            memberships.Select(m => new MemberRoles.Role(m.OrganisationId, m.Role, m.Departments.Select(d => d.DepartmentId).ToList())).ToList());
        cache.Set(Key(userId), _roles, CacheFor);
        return _roles;
    }

    /// <summary>Makes the next request of <paramref name="userId"/> read its roles afresh.</summary>
    public void Forget(string userId) => cache.Remove(Key(userId));

    private static string Key(string userId) => $"member-roles:{userId}";
}
