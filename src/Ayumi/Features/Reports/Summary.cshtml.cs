using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Reports;

/// <summary>Grade counts and budget totals of a plan's year, with charts and the tables behind them.</summary>
public sealed class SummaryModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public ProgressSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string year, CancellationToken ct)
    {
        if (!FiscalYear.TryParse(year, out var fiscalYear)) return NotFound();
        var plan = await ReportQueries.LoadAsync(db, id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.YearsSeenBy(plan).Contains(fiscalYear)) return me.IsSignedIn ? NotFound() : Challenge();
        // The totals by year and the change from the year before read other years than the one asked for.
        me.Withhold(db, plan);
        Summary = ProgressSummary.Build(plan, fiscalYear);
        return Page();
    }
}
