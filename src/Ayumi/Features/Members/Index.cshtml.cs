using System.ComponentModel.DataAnnotations;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Members;

/// <summary>The secretariat invites users into its organisation and assigns their departments.</summary>
[Authorize]
public sealed class IndexModel(AyumiDbContext db, CurrentMember current, UserManager<AyumiUser> users, Mailer mailer) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<Row> Members { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public string? InvitationLink { get; private set; }
    public bool InvitationMailed { get; private set; }
    public string? Error { get; private set; }

    [BindProperty, Required, EmailAddress] public string Email { get; set; } = "";
    [BindProperty, Required, StringLength(100)] public string DisplayName { get; set; } = "";
    [BindProperty] public MemberRole Role { get; set; } = MemberRole.DepartmentEditor;
    [BindProperty] public List<int> DepartmentIds { get; set; } = [];

    public sealed record Row(string Name, string Email, MemberRole Role, string Departments, bool LockedOut);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) =>
        await LoadAsync(code, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } denied) return denied;
        if (!ModelState.IsValid)
        {
            Error = "members.invalid";
            return Page();
        }
        var departments = Departments.Where(d => DepartmentIds.Contains(d.Id)).ToList();
        if (Role == MemberRole.DepartmentEditor && departments.Count == 0)
        {
            Error = "members.needDepartment";
            return Page();
        }
        var user = await users.FindByEmailAsync(Email);
        if (user is null)
        {
            user = new AyumiUser { UserName = Email, Email = Email, DisplayName = DisplayName.Trim() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                Error = "members.invalid";
                return Page();
            }
        }
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == user.Id && m.OrganisationId == Organisation.Id && m.Role == Role, ct);
        if (membership is null)
        {
            membership = new Membership(user.Id, await db.Organisations.SingleAsync(o => o.Id == Organisation.Id, ct), Role);
            db.Memberships.Add(membership);
        }
        if (Role == MemberRole.DepartmentEditor)
            foreach (var department in await db.Departments.Where(d => DepartmentIds.Contains(d.Id) && d.OrganisationId == Organisation.Id).ToListAsync(ct))
                membership.AssignDepartment(department);
        await db.SaveChangesAsync(ct);
        current.Forget(user.Id);

        if (!await users.HasPasswordAsync(user))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            InvitationLink = $"{Request.Scheme}://{Request.Host}/account/accept?userId={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
            InvitationMailed = await mailer.SendAsync(Email, $"歩み: {Organisation.Name}への招待 / Invitation to Ayumi",
                $"{DisplayName} 様\n\n{Organisation.Name}の再犯防止推進計画の進行管理（歩み）に招待されました。次のリンクからパスワードを設定してください。\n{InvitationLink}\n", ct);
        }
        await LoadAsync(code, ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        if (!LocalGovernmentCode.TryParse(code, out var parsed, out _)) return NotFound();
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == parsed, ct);
        if (organisation is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(organisation.Id)) return Forbid();
        Organisation = organisation;
        Departments = await db.Departments.AsNoTracking().Where(d => d.OrganisationId == organisation.Id).OrderBy(d => d.Name).ToListAsync(ct);
        var names = Departments.ToDictionary(d => d.Id, d => d.Name);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == organisation.Id).ToListAsync(ct);
        var userIds = memberships.Select(m => m.UserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        Members = memberships.Select(m => new Row(people[m.UserId].DisplayName, people[m.UserId].Email ?? "", m.Role,
                string.Join("、", m.Departments.Select(d => names.GetValueOrDefault(d.DepartmentId, "?"))),
                people[m.UserId].LockoutEnd > DateTimeOffset.UtcNow))
            .OrderBy(r => r.Role).ThenBy(r => r.Name).ToList();
        return null;
    }
}
