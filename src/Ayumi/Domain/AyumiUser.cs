using Microsoft.AspNetCore.Identity;

namespace Ayumi.Domain;

/// <summary>A person who signs in to Ayumi. What they may do is set by their memberships.</summary>
public class AyumiUser : IdentityUser
{
    /// <summary>The name shown in lists and the audit trail (氏名).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Administrators manage every organisation and its users.</summary>
    public bool IsAdministrator { get; set; }
}
