using System.ComponentModel.DataAnnotations;
using Ayumi.Domain;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ayumi.Features.Accounts;

/// <summary>A signed-in user changes their own password; their other sessions end, this one goes on.</summary>
[Authorize]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class PasswordModel(UserManager<AyumiUser> users, SignInManager<AyumiUser> signIn) : PageModel
{
    [BindProperty, Required, DataType(DataType.Password)] public string Current { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string Confirm { get; set; } = "";
    public Notice? Notice { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (Password != Confirm)
        {
            Notice = Notice.Error("accept.mismatch");
            return Page();
        }
        // Identity's change checks the current password, sets the new one and renews the security stamp.
        var result = await users.ChangePasswordAsync(user, Current, Password);
        if (!result.Succeeded)
        {
            Notice = Notice.Error(result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "password.wrongCurrent" : "accept.weakPassword");
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        Notice = Notice.Success("password.changed");
        return Page();
    }
}
