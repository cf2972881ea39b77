using Ayumi.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.PriorityIssues;

/// <summary>The national plan's seven priority issues and the reference tree below them, as this installation loaded it.</summary>
public sealed class IndexModel(NationalPlanReference reference) : PageModel
{
    public NationalPlanReference Reference => reference;

    public void OnGet() { }
}
