using Ayumi.Data;
using Ayumi.Features.Accounts;
using Ayumi.Features.PlanFiles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

/// <summary>
/// Downloads a plan in Ayumi's plan file format, together with the organisation's other
/// plans, so that predecessor and lineage links still resolve when the file is loaded.
/// </summary>
public sealed class FileModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var organisationId = await db.Plans.Where(p => p.Id == id).Select(p => (int?)p.OrganisationId).FirstOrDefaultAsync(ct);
        if (organisationId is null) return NotFound();
        var organisation = await db.LoadOrganisationGraphAsync(o => o.Id == organisationId, ct);
        var me = await current.GetAsync(ct);
        var requested = organisation!.Plans.Single(p => p.Id == id);
        if (!me.CanSee(requested)) return me.IsSignedIn ? NotFound() : Challenge();
        // Drafts travel only with their secretariat's downloads; links into a plan left out are left out with it.
        var plans = organisation.Plans.Where(me.CanSee).OrderBy(p => p.Generation).ThenBy(p => p.Id).ToList();
        return File(PlanFileWriter.Write(organisation, plans), "application/json", $"{organisation.Code}.ayumi.json");
    }
}
