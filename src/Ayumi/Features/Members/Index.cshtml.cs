using System.ComponentModel.DataAnnotations;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Members;

/// <summary>
/// The secretariat invites users into its organisation, assigns their departments and removes
/// their roles; accounts it alone has a claim on (<see cref="Permissions.CanManageAccount"/>) it
/// also disables, enables and resets.
/// </summary>
[Authorize]
public sealed class IndexModel(AyumiDbContext db, CurrentMember current, Invitation invitation, AccountLifecycle accounts, Mailer mailer) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<Row> Members { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public Notice? Notice { get; private set; }
    /// <summary>A set-password link to copy, when no mail server took it.</summary>
    public string? Link { get; private set; }

    [BindProperty, Required, EmailAddress] public string Email { get; set; } = "";
    [BindProperty, Required, StringLength(100)] public string DisplayName { get; set; } = "";
    [BindProperty] public MemberRole Role { get; set; } = MemberRole.DepartmentEditor;
    [BindProperty] public List<int> DepartmentIds { get; set; } = [];

    /// <param name="Pending">Invited, no password set yet.</param>
    /// <param name="AccountIsMine">Whether this user may disable, enable and reset the account.</param>
    public sealed record Row(int MembershipId, string UserId, string Name, string Email, MemberRole Role, string Departments, bool Disabled, bool Pending, bool AccountIsMine);

    /// <param name="department">A department to invite someone for, ticked in the form (the reminder's link for a department without a user).</param>
    public async Task<IActionResult> OnGetAsync(string code, int? department, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } denied) return denied;
        if (department is { } d && Departments.Any(x => x.Id == d)) DepartmentIds = [d];
        // After an invitation (Post/Redirect/Get): its message and link, with the form empty for the next person.
        if (TempData[InvitedKey] is string[] invited) Notice = Notice.Success(invited[0], [.. invited[1..]]);
        Link = TempData[LinkKey] as string;
        return Page();
    }

    private const string InvitedKey = "members.invited";
    private const string LinkKey = "members.link";

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } denied) return denied;
        if (!ModelState.IsValid) return Refuse("members.invalid");
        if (Role == MemberRole.DepartmentEditor && !Departments.Any(d => DepartmentIds.Contains(d.Id))) return Refuse("members.needDepartment");
        var result = await invitation.SendAsync(await current.GetAsync(ct), Organisation, Email, DisplayName, Role, DepartmentIds, BaseUrl, ct);
        if (result is null) return Refuse("members.invalid");
        // The message's arguments are words (names, counts), kept as text across the redirect.
        TempData[InvitedKey] = new[] { result.Notice.Key }.Concat(result.Notice.Arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.CurrentCulture) ?? "")).ToArray();
        if (result.Link is not null) TempData[LinkKey] = result.Link;
        return RedirectToPage(new { code });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, int membershipId, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } denied) return denied;
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.OrganisationId == Organisation.Id, ct);
        if (membership is null) return NotFound();
        if (membership.UserId == (await current.GetAsync(ct)).UserId) return Refuse("members.notYourself");
        await accounts.RemoveMembershipAsync(membership, ct);
        Notice = Notice.Success("members.removed", Members.First(m => m.MembershipId == membershipId).Name);
        return await LoadAsync(code, ct) ?? Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string code, string userId, CancellationToken ct) =>
        OnAccountAsync(code, userId, async user => { await accounts.DisableAsync(user, ct); return Notice.Success("members.disabled", user.DisplayName); }, ct);

    public Task<IActionResult> OnPostEnableAsync(string code, string userId, CancellationToken ct) =>
        OnAccountAsync(code, userId, async user => { await accounts.EnableAsync(user, ct); return Notice.Success("members.enabled", user.DisplayName); }, ct);

    public Task<IActionResult> OnPostResetAsync(string code, string userId, CancellationToken ct) =>
        OnAccountAsync(code, userId, async user =>
        {
            var link = await accounts.ResetPasswordAsync(user, BaseUrl);
            if (await mailer.SendAsync(user.Email!, "歩み: パスワードの再設定 / Ayumi password reset",
                    $"{user.DisplayName} 様\n\n歩みのパスワードが再設定されました。次のリンクから新しいパスワードを設定してください。\n{link}\n", ct))
                return Notice.Success("members.resetMailed", user.DisplayName);
            Link = link;
            return Notice.Success("members.resetCopyLink", user.DisplayName);
        }, ct);

    /// <summary>An action on a member's whole account: only for an account this user alone may manage, never their own.</summary>
    private async Task<IActionResult> OnAccountAsync(string code, string userId, Func<AyumiUser, Task<Notice>> act, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } denied) return denied;
        var row = Members.FirstOrDefault(m => m.UserId == userId);
        if (row is null) return NotFound();
        if (userId == (await current.GetAsync(ct)).UserId) return Refuse("members.notYourself");
        if (!row.AccountIsMine) return Forbid();
        Notice = await act(await db.Users.SingleAsync(u => u.Id == userId, ct));
        return await LoadAsync(code, ct) ?? Page();
    }

    private IActionResult Refuse(string key)
    {
        Notice = Notice.Error(key);
        return Page();
    }

    private string BaseUrl => $"{Request.Scheme}://{Request.Host}";

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        var (organisation, refusal) = await OrganisationAccess.ManagedAsync(db, current, code, ct);
        if (refusal is not null) return refusal;
        Organisation = organisation!;
        Departments = await db.Departments.AsNoTracking().Where(d => d.OrganisationId == Organisation.Id).OrderBy(d => d.Name).ToListAsync(ct);
        var names = Departments.ToDictionary(d => d.Id, d => d.Name);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == Organisation.Id).ToListAsync(ct);
        var userIds = memberships.Select(m => m.UserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var organisationsOf = (await db.Memberships.AsNoTracking().Where(m => userIds.Contains(m.UserId)).Select(m => new { m.UserId, m.OrganisationId }).ToListAsync(ct))
            .ToLookup(m => m.UserId, m => m.OrganisationId);
        var me = await current.GetAsync(ct);
        Members = memberships.Select(m => (Membership: m, Person: people[m.UserId]))
            .Select(x => new Row(x.Membership.Id, x.Person.Id, x.Person.DisplayName, x.Person.Email ?? "", x.Membership.Role,
                string.Join("、", x.Membership.Departments.Select(d => names.GetValueOrDefault(d.DepartmentId, "?"))),
                x.Person.IsDisabled, !x.Person.HasPassword,
                x.Person.Id != me.UserId && me.CanManageAccount(x.Person.IsAdministrator, organisationsOf[x.Person.Id].Distinct().ToList())))
            .OrderBy(r => r.Role).ThenBy(r => r.Name).ToList();
        return null;
    }
}
