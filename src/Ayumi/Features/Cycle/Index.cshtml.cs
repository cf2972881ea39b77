using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Cycle;

/// <summary>The secretariat opens a fiscal year of a plan and sees the years already run.</summary>
[Authorize]
public sealed class IndexModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    [BindProperty] public string FiscalYear { get; set; } = "";
    [BindProperty] public DateOnly? Deadline { get; set; }
    public Notice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        var next = Plan.ReportingYears.Select(r => r.FiscalYear).DefaultIfEmpty(Plan.PeriodStart.Previous).Max().Next;
        FiscalYear = next.ToString();
        Deadline = new DateOnly(next.StartYear + 1, 5, 31);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!Domain.FiscalYear.TryParse(FiscalYear, out var year))
        {
            Notice = Notice.Error("cycle.badYear", FiscalYear);
            return Page();
        }
        await db.Measures.Where(m => m.PlanId == id).Include(m => m.Entries).Include(m => m.Departments).ThenInclude(d => d.Department).LoadAsync(ct);
        try
        {
            Plan.OpenYear(year, Deadline, clock.GetUtcNow());
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{id}/cycle/{year}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await CycleQueries.PlanWithYearsAsync(db, id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        Plan = plan;
        return null;
    }
}
