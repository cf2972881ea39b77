using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Indicators;

/// <summary>Every indicator of a plan with its baseline, latest actual, target, achievement and status as of a year. Public, like the plan.</summary>
public sealed class IndexModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public FiscalYear Year { get; private set; }
    public IReadOnlyList<(Indicator Indicator, IndicatorAssessment Assessment)> Rows { get; private set; } = [];
    /// <summary>Indicators the secretariat archived: out of the current list, still reachable with their actuals.</summary>
    public IReadOnlyList<Indicator> Archived { get; private set; } = [];
    public Shared.Notice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? year, CancellationToken ct)
    {
        var plan = await IndicatorQueries.LoadPlanAsync(db, id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.SeesPlan(plan)) return me.IsSignedIn ? NotFound() : Challenge();
        Plan = plan;
        Year = IndicatorQueries.AssessedYear(plan, year);
        Rows = plan.Indicators.Where(i => !i.IsArchived).OrderBy(i => i.Order).Select(i => (i, i.Assess(Year))).ToList();
        Archived = plan.Indicators.Where(i => i.IsArchived).OrderBy(i => i.Order).ToList();
        var removed = Request.Query["removed"].ToString();
        if (removed is "archived" or "deleted") Notice = Shared.Notice.Success("indicators.removed." + removed);
        return Page();
    }

    public IEnumerable<(IndicatorStatus Status, int Count)> StatusCounts =>
        Rows.Where(r => !r.Indicator.IsMonitoringOnly).GroupBy(r => r.Assessment.Status).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count()));
}
