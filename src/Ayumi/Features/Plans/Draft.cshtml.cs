using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

/// <summary>
/// 次期計画の案を作成: the secretariat starts the next plan from this one. The tree, running
/// measures, departments and indicators are copied into a draft with its own period, each
/// copy linked to its origin; all of it is written in one transaction or none of it is.
/// </summary>
[Authorize]
public sealed class DraftModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public Notice? Notice { get; private set; }

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string PeriodStart { get; set; } = "";
    [BindProperty] public string PeriodEnd { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var start = Plan.PeriodEnd.Next;
        Name = $"第{Plan.Generation + 1}次{Plan.Name.Replace(Plan.GenerationLabel, "")}";
        PeriodStart = start.ToJapanese();
        PeriodEnd = new FiscalYear(start.StartYear + Plan.PeriodEnd.StartYear - Plan.PeriodStart.StartYear).ToJapanese();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!FiscalYear.TryParse(PeriodStart, out var start) || !FiscalYear.TryParse(PeriodEnd, out var end))
        {
            Notice = Notice.Error("draft.badPeriod");
            return Page();
        }
        var organisation = await db.LoadOrganisationGraphAsync(o => o.Id == Plan.OrganisationId, ct);
        var current = organisation!.Plans.Single(p => p.Id == id);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Plan draft;
        try { draft = organisation.DraftNextPlan(current, Name, start, end); }
        catch (DomainException e)
        {
            // Nothing is saved: forget what the copy added to the tracked graph before it was refused.
            db.ChangeTracker.Clear();
            Notice = Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/plans/{draft.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Organisation).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        Plan = plan;
        return null;
    }
}
