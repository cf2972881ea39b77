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

    public async Task<IActionResult> OnGetAsync(int id, string? year, CancellationToken ct)
    {
        var plan = await IndicatorQueries.LoadPlanAsync(db, id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.SeesPlan(plan)) return me.IsSignedIn ? NotFound() : Challenge();
        Plan = plan;
        Year = IndicatorQueries.AssessedYear(plan, year);
        Rows = plan.Indicators.OrderBy(i => i.Order).Select(i => (i, i.Assess(Year))).ToList();
        return Page();
    }

    public IEnumerable<(IndicatorStatus Status, int Count)> StatusCounts =>
        Rows.GroupBy(r => r.Assessment.Status).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count()));
}
