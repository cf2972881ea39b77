using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Accounts;

/// <summary>
/// Taking access away and giving it back, the same for the pages and the command line. Each
/// step is one save, so the audit trail records it with who did it; every step that takes
/// something away ends the account's sessions at once.
/// </summary>
public sealed class AccountLifecycle(AyumiDbContext db, UserManager<AyumiUser> users)
{
    /// <summary>The organisations the account is a member of.</summary>
    public Task<List<int>> OrganisationsOfAsync(string userId, CancellationToken ct) =>
        db.Memberships.Where(m => m.UserId == userId).Select(m => m.OrganisationId).Distinct().ToListAsync(ct);

    /// <summary>Removes one role in one organisation; the member's open sessions end, so nothing they had open keeps the role.</summary>
    public async Task RemoveMembershipAsync(Membership membership, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == membership.UserId, ct);
        db.Memberships.Remove(membership);
        user.EndSessions();
        await db.SaveChangesAsync(ct);
    }

    public async Task DisableAsync(AyumiUser user, CancellationToken ct)
    {
        user.Disable();
        await db.SaveChangesAsync(ct);
    }

    public async Task EnableAsync(AyumiUser user, CancellationToken ct)
    {
        user.Enable();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Resets a password for its holder: the old one stops working and every session ends; the
    /// returned link (<see cref="SetPasswordLinkAsync"/>) lets the holder choose the new one.
    /// </summary>
    public async Task<string> ResetPasswordAsync(AyumiUser user, string baseUrl)
    {
        if (user.HasPassword)
        {
            var removed = await users.RemovePasswordAsync(user);
            if (!removed.Succeeded) throw new InvalidOperationException(string.Join(" ", removed.Errors.Select(e => e.Description)));
        }
        else
        {
            user.EndSessions();
            await users.UpdateAsync(user);
        }
        return await SetPasswordLinkAsync(user, baseUrl);
    }

    /// <summary>A one-time link with which the holder of the account sets its password: a credential, to be handed to no one else.</summary>
    public async Task<string> SetPasswordLinkAsync(AyumiUser user, string baseUrl)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"{baseUrl.TrimEnd('/')}/account/accept?userId={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
    }
}
