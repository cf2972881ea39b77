using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

/// <summary>
/// The secretariat edits the goals and policies of a draft plan (次期計画の案): adds, renames,
/// renumbers and removes them. Renamed and renumbered nodes keep their origin, so the comparison
/// shows them as such; a published plan's tree is the adopted document's.
/// </summary>
[Authorize]
public sealed class TreeModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    /// <summary>Every node in tree order.</summary>
    public IReadOnlyList<PlanNode> Nodes { get; private set; } = [];
    public Notice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Request.Query.ContainsKey("saved")) Notice = Notice.Success("planTree.saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int id, int? parentId, string? code, string? title, string? description, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var parent = parentId is null ? null : Plan.Nodes.FirstOrDefault(n => n.Id == parentId);
        if (parentId is not null && parent is null) return NotFound();
        return await SaveAsync(() => Plan.AddDraftNode(parent, code ?? "", title ?? "", description), ct);
    }

    public async Task<IActionResult> OnPostEditAsync(int id, int nodeId, string? code, string? title, string? description, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Plan.Nodes.FirstOrDefault(n => n.Id == nodeId) is not { } node) return NotFound();
        return await SaveAsync(() =>
        {
            node.Renumber(code ?? "");
            node.Rename(title ?? "", description);
        }, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int nodeId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Plan.Nodes.FirstOrDefault(n => n.Id == nodeId) is not { } node) return NotFound();
        return await SaveAsync(() =>
        {
            Plan.RemoveNode(node);
            db.PlanNodes.Remove(node);
        }, ct);
    }

    private async Task<IActionResult> SaveAsync(Action change, CancellationToken ct)
    {
        try { change(); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            // The page shows the tree as it is stored, not the refused change.
            db.ChangeTracker.Clear();
            await LoadAsync(Plan.Id, ct);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{Plan.Id}/tree?saved");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Organisation).Include(p => p.Nodes).ThenInclude(n => n.Origin)
            .Include(p => p.Measures).ThenInclude(m => m.Placements).Include(p => p.Indicators)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        if (plan.Status != PlanStatus.Draft) return NotFound();
        Plan = plan;
        Nodes = PlanQueries.Walk(PlanQueries.Roots(plan)).ToList();
        return null;
    }

    /// <summary>The measures listed under <paramref name="node"/>, relistings included.</summary>
    public int MeasureCount(PlanNode node) => Plan.Measures.Count(m => m.Placements.Any(p => p.Node == node));
}
