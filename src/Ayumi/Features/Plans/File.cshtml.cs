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
/// The public's file carries the published plans and years only; the secretariat's carries
/// everything and is marked as a backup copy.
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
        if (!me.SeesPlan(requested)) return me.IsSignedIn ? NotFound() : Challenge();
        // Drafts travel only with their secretariat's downloads; links into a plan left out are left out with it.
        var plans = organisation.Plans.Where(me.SeesPlan).OrderBy(p => p.Generation).ThenBy(p => p.Id).ToList();
        var backup = me.CanManage(organisation.Id);
        if (!backup)
            foreach (var plan in plans) Publication.WithholdUnpublished(db, plan);
        return File(PlanFileWriter.Write(organisation, plans, backup), "application/json",
            backup ? $"{organisation.Code}.backup.ayumi.json" : $"{organisation.Code}.ayumi.json");
    }
}
