using Ayumi.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Accounts;

/// <summary>Signing out ends the account's sessions everywhere, so that a copied cookie opens nothing afterwards.</summary>
public sealed class LogoutModel(SignInManager<AyumiUser> signIn, UserManager<AyumiUser> users) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Organisations/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            user.EndSessions();
            await users.UpdateAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
