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

/// <summary>The secretariat adds a measure new in the next plan (新規) to a draft plan; no lineage leads to it.</summary>
[Authorize]
public sealed class NewModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    /// <summary>The nodes a measure can be listed under: the level just above the measures.</summary>
    public IReadOnlyList<PlanNode> Parents { get; private set; } = [];
    public Notice? Notice { get; private set; }

    [BindProperty] public int ParentId { get; set; }
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var parent = Parents.FirstOrDefault(n => n.Id == ParentId);
        if (parent is null || string.IsNullOrWhiteSpace(Code) || string.IsNullOrWhiteSpace(Title))
        {
            Notice = Notice.Error("measureNew.incomplete");
            return Page();
        }
        Measure measure;
        try { measure = Plan.AddMeasure(parent, Code.Trim(), Title.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim()); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        measure.IsNew = true;
        await db.SaveChangesAsync(ct);
        return Redirect($"/measures/{measure.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Organisation).Include(p => p.Nodes).Include(p => p.Measures).ThenInclude(m => m.Placements)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        if (plan.Status != PlanStatus.Draft) return NotFound();
        Plan = plan;
        Parents = PlanQueries.Walk(PlanQueries.Roots(plan)).Where(n => n.Depth == plan.NodeDepth - 1).ToList();
        return null;
    }
}
