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
/// The secretariat rewords a measure of a draft plan (次期計画の案) before it is published, or takes
/// it out of the draft; a reworded measure keeps its lineage, so the comparison shows what changed.
/// A published plan's wording is the adopted document's and changes only through its sheets.
/// </summary>
[Authorize]
public sealed class EditModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Measure Measure { get; private set; } = null!;
    public Notice? Notice { get; private set; }

    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Objective { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        (Title, Description, Objective) = (Measure.Title, Measure.Description, Measure.Objective);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        try { Measure.Rewrite(Title, string.IsNullOrWhiteSpace(Description) ? null : Description.Trim()); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e, "measureEdit.refused");
            return Page();
        }
        Measure.Objective = string.IsNullOrWhiteSpace(Objective) ? null : Objective.Trim();
        await db.SaveChangesAsync(ct);
        return Redirect($"/measures/{id}");
    }

    /// <summary>Takes the measure out of the draft: its listings and lineage go with it, and indicators attached to it stay with the plan.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        await db.Entry(Measure).Collection(m => m.Entries).LoadAsync(ct);
        await db.MeasureLineages.Include(l => l.From).Include(l => l.To).Where(l => l.FromId == id || l.ToId == id).LoadAsync(ct);
        await db.Indicators.Where(i => i.MeasureId == id).LoadAsync(ct);
        IReadOnlyList<MeasureLineage> links;
        try { links = Measure.Plan.RemoveMeasure(Measure); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e, "measureEdit.refused");
            (Title, Description, Objective) = (Measure.Title, Measure.Description, Measure.Objective);
            return Page();
        }
        db.MeasureLineages.RemoveRange(links);
        db.Measures.Remove(Measure);
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{Measure.PlanId}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var measure = await db.Measures.Include(m => m.Plan).ThenInclude(p => p.Organisation).Include(m => m.Placements)
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (measure is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(measure.Plan.OrganisationId)) return Forbid();
        if (measure.Plan.Status != PlanStatus.Draft) return NotFound();
        Measure = measure;
        return null;
    }
}
