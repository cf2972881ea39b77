using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Indicators;

/// <summary>One indicator: its definition, a line chart of baseline, actuals and the path to the target, and the same numbers as a table.</summary>
public sealed class DetailsModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Indicator Indicator { get; private set; } = null!;
    public FiscalYear Year { get; private set; }
    public IndicatorAssessment Assessment { get; private set; } = null!;
    public IReadOnlyList<IndicatorYear> Years { get; private set; } = [];
    public bool CanRecord { get; private set; }
    public bool CanDefine { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int indicatorId, string? year, CancellationToken ct)
    {
        var plan = await IndicatorQueries.LoadPlanAsync(db, id, ct);
        if (plan?.Indicators.FirstOrDefault(i => i.Id == indicatorId) is not { } indicator) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.SeesPlan(plan)) return me.IsSignedIn ? NotFound() : Challenge();
        Indicator = indicator;
        Year = IndicatorQueries.AssessedYear(plan, year);
        Assessment = indicator.Assess(Year);
        Years = IndicatorYear.Of(indicator);
        CanRecord = ActualsModel.MayRecord(me, indicator);
        CanDefine = me.CanManage(plan.OrganisationId);
        return Page();
    }
}
