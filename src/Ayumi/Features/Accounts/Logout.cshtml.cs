using Ayumi.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Accounts;

public sealed class LogoutModel(SignInManager<AyumiUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Organisations/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
