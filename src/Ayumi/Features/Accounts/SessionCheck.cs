using System.Security.Claims;
using Ayumi.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ayumi.Features.Accounts;

/// <summary>The account a request's cookie names, as stored now.</summary>
public sealed record SignedInAccount(string Id, string Name, bool IsAdministrator);

/// <summary>
/// Checks every signed-in request against the stored account: a cookie whose security stamp is
/// no longer the account's (after sign-out, a password change or reset, the removal of a
/// membership) or whose account is disabled or gone is refused at once. Identity's own
/// validator waits 30 minutes between checks; this is one look-up by key per request, and the
/// row it reads serves <see cref="CurrentMember"/> for the rest of the request.
/// </summary>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(stampClaim);
        var account = userId is null || stamp is null ? null : await services.GetRequiredService<AyumiDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == userId && u.SecurityStamp == stamp && !u.IsDisabled)
            .Select(u => new SignedInAccount(u.Id, u.DisplayName != "" ? u.DisplayName : u.Email ?? u.UserName ?? "", u.IsAdministrator))
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        context.HttpContext.Items[typeof(SignedInAccount)] = account;
    }

    /// <summary>The account checked for this request, if it is signed in.</summary>
    public static SignedInAccount? Of(HttpContext context) => context.Items[typeof(SignedInAccount)] as SignedInAccount;
}
