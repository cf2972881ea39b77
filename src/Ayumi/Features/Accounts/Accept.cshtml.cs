using System.ComponentModel.DataAnnotations;
using Ayumi.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ayumi.Features.Accounts;

/// <summary>An invited user, or one whose password was reset, sets a password with the one-time link they were given.</summary>
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class AcceptModel(UserManager<AyumiUser> users, SignInManager<AyumiUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string UserId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string Confirm { get; set; } = "";
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.FindByIdAsync(UserId);
        if (user is null) return NotFound();
        Email = user.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId);
        if (user is null) return NotFound();
        Email = user.Email;
        if (user.IsDisabled)
        {
            Errors = ["accept.disabled"];
            return Page();
        }
        if (Password != Confirm)
        {
            Errors = ["accept.mismatch"];
            return Page();
        }
        // Identity's reset checks the one-time token (bound to the security stamp) and renews the stamp.
        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(e => e.Code == "InvalidToken" ? "accept.invalidToken" : "accept.weakPassword").Distinct().ToList();
            return Page();
        }
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/my");
    }
}
