using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Plans;
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
    /// <summary>The policies the measure's primary listing can move to: the level just above the measures.</summary>
    public IReadOnlyList<PlanNode> Parents { get; private set; } = [];
    /// <summary>The organisation's departments, to choose those responsible.</summary>
    public IReadOnlyList<Department> Departments { get; private set; } = [];

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
            Notice = Notice.Refused(e);
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
            Notice = Notice.Refused(e);
            (Title, Description, Objective) = (Measure.Title, Measure.Description, Measure.Objective);
            return Page();
        }
        db.MeasureLineages.RemoveRange(links);
        db.Measures.Remove(Measure);
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{Measure.PlanId}");
    }

    /// <summary>Moves the measure's primary listing under another policy of the draft, keeping or changing its code there.</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id, int nodeId, string? code, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        await db.Measures.Include(m => m.Placements).Where(m => m.PlanId == Measure.PlanId).LoadAsync(ct);
        if (Parents.FirstOrDefault(n => n.Id == nodeId) is not { } node) return NotFound();
        return await SaveAsync(() => Measure.MoveTo(node, code ?? ""), ct);
    }

    /// <summary>Sets the departments responsible for the measure: those kept in their order, then those added in the organisation's.</summary>
    public async Task<IActionResult> OnPostDepartmentsAsync(int id, int[] departmentIds, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var chosen = Departments.Where(d => departmentIds.Contains(d.Id))
            .OrderBy(d => Measure.Departments.FirstOrDefault(assigned => assigned.Department == d)?.Order ?? int.MaxValue).ToList();
        if (chosen.Count != departmentIds.Distinct().Count()) return NotFound();
        return await SaveAsync(() => Measure.SetDepartments(chosen), ct);
    }

    private async Task<IActionResult> SaveAsync(Action change, CancellationToken ct)
    {
        try { change(); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            (Title, Description, Objective) = (Measure.Title, Measure.Description, Measure.Objective);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/measures/{Measure.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var measure = await db.Measures.Include(m => m.Plan).ThenInclude(p => p.Organisation).Include(m => m.Placements).ThenInclude(p => p.Node)
            .Include(m => m.Departments).ThenInclude(d => d.Department)
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (measure is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(measure.Plan.OrganisationId)) return Forbid();
        if (measure.Plan.Status != PlanStatus.Draft) return NotFound();
        Measure = measure;
        await db.PlanNodes.Where(n => n.PlanId == measure.PlanId).LoadAsync(ct);
        Parents = PlanQueries.Walk(PlanQueries.Roots(measure.Plan)).Where(n => n.Depth == measure.Plan.NodeDepth - 1).ToList();
        Departments = await db.Departments.Include(d => d.Parent).Where(d => d.OrganisationId == measure.Plan.OrganisationId).OrderBy(d => d.Id).ToListAsync(ct);
        return null;
    }
}
