using System.ComponentModel.DataAnnotations;
using Ayumi.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ayumi.Features.Accounts;

/// <summary>
/// Sign-in. Whether the address exists never shows: the same message and the same work for an
/// unknown address, a wrong password and an address tried too often; only the holder of the
/// right password learns that an account is disabled.
/// </summary>
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class LoginModel(SignInManager<AyumiUser> signIn, PasswordCheck passwords, SignInThrottle throttle) : PageModel
{
    [BindProperty, Required, EmailAddress] public string Email { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = "login.invalid";
            return Page();
        }
        if (!throttle.MayTry(HttpContext, Email))
        {
            Error = "login.tooMany";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var user = await passwords.CheckAsync(Email, Password);
        if (user is null)
        {
            Error = "login.failed";
            return Page();
        }
        if (user.IsDisabled)
        {
            Error = "login.disabled";
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        throttle.RememberBrowser(HttpContext, Email);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/my");
    }
}
