using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Members;

/// <summary>What the inviting secretariat is shown: a set-password link only when it may hold one.</summary>
public sealed record InvitationResult(Notice Notice, string? Link);

/// <summary>
/// An invitation into an organisation. An address gets one account however many
/// organisations invite it. A link that sets the account's password is a credential: the
/// inviter sees it only when nobody else has a claim on the account (a new address, or an
/// invitee who belongs to no organisation but those the inviter manages); otherwise the role
/// is added, the inviter is told that the person already has an account or an invitation,
/// and any link goes by mail to the address itself.
/// </summary>
public sealed class Invitation(AyumiDbContext db, UserManager<AyumiUser> users, AccountLifecycle accounts, Mailer mailer)
{
    /// <returns>What to tell the inviter, or null when the account could not be created.</returns>
    public async Task<InvitationResult?> SendAsync(MemberRoles inviter, Organisation organisation, string email, string displayName, MemberRole role,
        IReadOnlyCollection<int> departmentIds, string baseUrl, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        var isNew = user is null;
        if (user is null)
        {
            user = new AyumiUser { UserName = email, Email = email, DisplayName = displayName.Trim() };
            if (!(await users.CreateAsync(user)).Succeeded) return null;
        }
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == user.Id && m.OrganisationId == organisation.Id && m.Role == role, ct);
        if (membership is null)
        {
            membership = new Membership(user.Id, await db.Organisations.SingleAsync(o => o.Id == organisation.Id, ct), role);
            db.Memberships.Add(membership);
        }
        if (role == MemberRole.DepartmentEditor)
            foreach (var department in await db.Departments.Where(d => departmentIds.Contains(d.Id) && d.OrganisationId == organisation.Id).ToListAsync(ct))
                membership.AssignDepartment(department);
        // A role added does not end the person's sessions (roles are read on every request), and
        // leaves the security stamp, so that an invitation link they already hold stays valid.
        await db.SaveChangesAsync(ct);

        var name = isNew ? displayName.Trim() : user.DisplayName;
        if (isNew || (!user.HasPassword && inviter.CanManageAccount(user.IsAdministrator, await accounts.OrganisationsOfAsync(user.Id, ct))))
        {
            var link = await accounts.SetPasswordLinkAsync(user, baseUrl);
            return await mailer.SendAsync(email, Subject(organisation), InvitationText(name, organisation, link), ct)
                ? new(Notice.Success("members.mailed"), null)
                : new(Notice.Success("members.copyLink"), link);
        }
        var notified = user.HasPassword
            ? await mailer.SendAsync(email, Subject(organisation), $"{name} 様\n\n{organisation.Name}の再犯防止推進計画の進行管理（歩み）の役割が追加されました。いつものアカウントでサインインすると表示されます。\n{baseUrl.TrimEnd('/')}/account/login\n", ct)
            : await mailer.SendAsync(email, Subject(organisation), InvitationText(name, organisation, await accounts.SetPasswordLinkAsync(user, baseUrl)), ct);
        return new(Notice.Success(notified ? "members.existingNotified" : "members.existing", organisation.Name), null);
    }

    private static string Subject(Organisation organisation) => $"歩み: {organisation.Name}への招待 / Invitation to Ayumi";

    private static string InvitationText(string name, Organisation organisation, string link) =>
        $"{name} 様\n\n{organisation.Name}の再犯防止推進計画の進行管理（歩み）に招待されました。次のリンクからパスワードを設定してください。\n{link}\n";
}
