using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Cycle;

/// <summary>
/// The secretariat sees the years already run and opens the next: the form proposes the year to report and a deadline still
/// ahead, the preview shows whom the opening will ask, and the opening itself checks the year against the plan's period.
/// </summary>
[Authorize]
public sealed class IndexModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    [BindProperty] public string FiscalYear { get; set; } = "";
    [BindProperty] public DateOnly? Deadline { get; set; }
    [BindProperty] public string? OutOfPeriodReason { get; set; }
    public Notice? Notice { get; private set; }
    /// <summary>The measures the opening would ask, once the form has been checked.</summary>
    public IReadOnlyList<AskedMeasure>? Preview { get; private set; }
    public Domain.FiscalYear? PreviewYear { get; private set; }

    public int PreviewParts => Preview?.Sum(m => m.Departments.Count) ?? 0;

    public int PreviewDepartments => Preview?.SelectMany(m => m.Departments).Distinct().Count() ?? 0;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        var today = JapanTime.Today(clock);
        if (Plan.ProposedYear(today) is { } proposed)
        {
            FiscalYear = proposed.ToString();
            Deadline = Plan.ProposedDeadline(proposed, today);
        }
        if (Request.Query["withdrawn"] is { Count: > 0 } withdrawn) Notice = Notice.Success("cycle.withdrawn", withdrawn.ToString());
        return Page();
    }

    /// <summary>Checks the form as the opening would and shows whom it will ask, without opening anything.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (await CheckedAsync(ct) is not { } opening) return Page();
        PreviewYear = opening.Year;
        Preview = Plan.MeasuresAskedIn(opening.Year);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (await CheckedAsync(ct) is not { } opening) return Page();
        Plan.OpenYear(opening, JapanTime.Today(clock), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{id}/cycle/{opening.Year}");
    }

    /// <summary>The form as an opening the plan's rules accept, with the measures and their entries loaded; null with a notice otherwise.</summary>
    private async Task<YearOpening?> CheckedAsync(CancellationToken ct)
    {
        if (!Domain.FiscalYear.TryParse(FiscalYear, out var year))
        {
            Notice = Notice.Error("cycle.badYear", FiscalYear);
            return null;
        }
        await db.Measures.Where(m => m.PlanId == Plan.Id).Include(m => m.Entries).Include(m => m.Placements).ThenInclude(pl => pl.Node).Include(m => m.Departments).ThenInclude(d => d.Department)
            .AsSplitQuery().LoadAsync(ct);
        var opening = new YearOpening(year, Deadline, OutOfPeriodReason);
        try
        {
            Plan.CheckOpening(opening, JapanTime.Today(clock));
            return opening;
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return null;
        }
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
