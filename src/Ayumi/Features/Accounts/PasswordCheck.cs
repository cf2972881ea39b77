using Ayumi.Domain;
using Microsoft.AspNetCore.Identity;

namespace Ayumi.Features.Accounts;

/// <summary>
/// Checks an address and a password with the same work whether or not the address has an
/// account with a password: for an unknown address (or an invitee who has not set one) a
/// stand-in hash is verified, so that the time taken does not tell which addresses exist.
/// </summary>
public sealed class PasswordCheck(UserManager<AyumiUser> users)
{
    private static readonly AyumiUser StandIn = new();
    private static string? _standInHash;

    /// <returns>The account, when the address has one and the password is its own; null otherwise.</returns>
    public async Task<AyumiUser?> CheckAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is { HasPassword: true })
            return await users.CheckPasswordAsync(user, password) ? user : null;
        _standInHash ??= users.PasswordHasher.HashPassword(StandIn, Guid.NewGuid().ToString());
        users.PasswordHasher.VerifyHashedPassword(StandIn, _standInHash, password);
        return null;
    }
}
