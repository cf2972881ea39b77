using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Plans;

/// <summary>
/// 計画を作成: the secretariat sets up a plan of its own on screen (name, generation, period,
/// levels, grade scale, predecessor). It starts as a draft whose tree and measures are then
/// added or imported.
/// </summary>
[Authorize]
public sealed class NewModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<Plan> Plans { get; private set; } = [];
    public Notice? Notice { get; private set; }

    [BindProperty] public PlanSettingsForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        var start = FiscalYear.Containing(DateOnly.FromDateTime(DateTime.Today));
        var latest = Plans.OrderByDescending(p => p.PeriodEnd).FirstOrDefault();
        if (latest is not null) start = latest.PeriodEnd.Next;
        Form = new PlanSettingsForm
        {
            Name = $"{Organisation.Name}再犯防止推進計画",
            Generation = (latest?.Generation ?? 0) + 1,
            PeriodStart = start.ToJapanese(),
            PeriodEnd = start.Offset(4).ToJapanese(),
            PredecessorId = latest?.Id,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        var settings = Form.Read(Plans, out var problem);
        if (settings is null)
        {
            Notice = Notice.Error(problem!.Value.Key, problem.Value.Arguments);
            return Page();
        }
        Plan plan;
        try { plan = Organisation.CreatePlan(settings); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{plan.Id}?created=1");
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        var (managed, refusal) = await OrganisationAccess.ManagedAsync(db, current, code, ct);
        if (refusal is not null) return refusal;
        Organisation = (await PlanSettingsForm.LoadAsync(db, managed!.Id, ct))!;
        Plans = Organisation.Plans.OrderBy(p => p.Generation).ThenBy(p => p.PeriodStart).ToList();
        return null;
    }
}
