using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Reports;
using Ayumi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Review;

/// <summary>
/// 主な意見と市（県）の考え方 of a year: the public page of the opinions published with the year. Before publication the
/// secretariat and the year's reviewers see what will be published; nobody else sees the year at all.
/// </summary>
public sealed class PublishedModel(AyumiDbContext db, CurrentMember current, UiText text) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public FiscalYear Year { get; private set; }
    public ReportingStatus Status { get; private set; }
    public OpinionSection? Section { get; private set; }
    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, string year, CancellationToken ct)
    {
        if (!FiscalYear.TryParse(year, out var fiscalYear)) return NotFound();
        var plan = await db.Plans.AsNoTrackingWithIdentityResolution().Include(p => p.Organisation).Include(p => p.ReportingYears)
            .Include(p => p.Nodes).Include(p => p.Measures).ThenInclude(m => m.Placements).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        var reporting = plan?.ReportingYears.FirstOrDefault(r => r.FiscalYear == fiscalYear);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (reporting is null || !me.SeesPlan(plan) || !me.SeesOpinions(plan.OrganisationId, reporting.Status)) return me.IsSignedIn ? NotFound() : Challenge();
        (Plan, Year, Status) = (plan, fiscalYear, reporting.Status);
        Section = await OpinionQueries.SectionAsync(db, plan, fiscalYear, me, k => text[k], ct);
        Title = text.Format("opinions.title", OpinionSection.Self(plan.Organisation, k => text[k]));
        return Page();
    }
}
