using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Shared;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public void OnGet(int? status) => Status = status ?? 500;

    /// <summary>A refused post (too many sign-in attempts) is re-executed here as a post.</summary>
    public void OnPost(int? status) => OnGet(status);
}
