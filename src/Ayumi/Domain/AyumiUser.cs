using Microsoft.AspNetCore.Identity;

namespace Ayumi.Domain;

/// <summary>A person who signs in to Ayumi. What they may do is set by their memberships.</summary>
public class AyumiUser : IdentityUser
{
    /// <summary>The name shown in lists and the audit trail (氏名).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Administrators manage every organisation and its users.</summary>
    public bool IsAdministrator { get; set; }

    /// <summary>A disabled account cannot sign in, and its sessions have ended; its memberships and history stay.</summary>
    public bool IsDisabled { get; private set; }

    /// <summary>Whether a password has been set: an invitee has none until they accept.</summary>
    public bool HasPassword => PasswordHash is not null;

    public void Disable()
    {
        IsDisabled = true;
        EndSessions();
    }

    public void Enable() => IsDisabled = false;

    /// <summary>
    /// Ends every session at once: each request compares its cookie's security stamp with the
    /// stored one. Identity's one-time tokens (invitation and reset links) carry the stamp too,
    /// so the links handed out before are void as well.
    /// </summary>
    public void EndSessions() => SecurityStamp = Guid.NewGuid().ToString("N");
}
