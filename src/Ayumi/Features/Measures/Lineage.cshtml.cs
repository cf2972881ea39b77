using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Measures;

/// <summary>
/// The secretariat records how a measure is carried on (continued, renamed, merged, split,
/// succeeded) and from which fiscal year, or removes a link recorded by mistake. The domain
/// refuses a link to the measure itself, a cycle, or a year outside both plans' periods.
/// </summary>
[Authorize]
public sealed class LineageModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Measure Measure { get; private set; } = null!;
    /// <summary>The organisation's measures a link may point to, by plan, the measure's own excluded.</summary>
    public IReadOnlyList<Measure> Candidates { get; private set; } = [];
    public Notice? Notice { get; private set; }

    [BindProperty] public int ToId { get; set; }
    [BindProperty] public LineageKind Kind { get; set; }
    [BindProperty] public string EffectiveIn { get; set; } = "";
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        EffectiveIn = (Measure.EndedIn ?? Measure.Plan.PeriodEnd.Next).ToJapanese();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var to = Candidates.FirstOrDefault(m => m.Id == ToId);
        if (to is null)
        {
            Notice = Notice.Error("lineage.chooseMeasure");
            return Page();
        }
        if (!FiscalYear.TryParse(EffectiveIn, out var year))
        {
            Notice = Notice.Error("lineage.badYear", EffectiveIn);
            return Page();
        }
        try { Measure.LinkTo(to, Kind, year, Note); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/measures/{id}#lineage");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int linkId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var link = Measure.Continuations.Concat(Measure.Origins).FirstOrDefault(l => l.Id == linkId);
        if (link is null) return NotFound();
        link.From.Unlink(link);
        db.MeasureLineages.Remove(link);
        await db.SaveChangesAsync(ct);
        return Redirect($"/measures/{id}/lineage");
    }

    /// <summary>The measure and every measure and link of its organisation, tracked, so that the domain sees the whole graph when it looks for a cycle.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var organisationId = await db.Measures.Where(m => m.Id == id).Select(m => (int?)m.Plan.OrganisationId).FirstOrDefaultAsync(ct);
        if (organisationId is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(organisationId.Value)) return Forbid();
        var measures = await db.Measures.Include(m => m.Plan).ThenInclude(p => p.Organisation).Include(m => m.Placements).ThenInclude(p => p.Node)
            .Where(m => m.Plan.OrganisationId == organisationId).AsSplitQuery().ToListAsync(ct);
        await db.MeasureLineages.Where(l => l.From.Plan.OrganisationId == organisationId).LoadAsync(ct);
        Measure = measures.Single(m => m.Id == id);
        Candidates = measures.Where(m => m.Id != id).OrderBy(m => m.Plan.Generation).ThenBy(m => m.Plan.Id).ThenBy(m => m.PrimaryPlacement.ParsedFullCode).ThenBy(m => m.Key).ToList();
        return null;
    }
}
