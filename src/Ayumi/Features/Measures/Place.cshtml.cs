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
/// 施策へ移す: the secretariat moves a measure that was imported without a policy (it sits under a
/// placeholder called after its sheet) to a policy of the plan, an existing one or one added here,
/// in a published plan too. The placeholder goes when its last measure has moved. Every change is audited.
/// </summary>
[Authorize]
public sealed class PlaceModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Measure Measure { get; private set; } = null!;
    public PlanNode Placeholder { get; private set; } = null!;
    /// <summary>The policies the measure can move to: the level just above the measures, placeholders left out.</summary>
    public IReadOnlyList<PlanNode> Policies { get; private set; } = [];
    public Notice? Notice { get; private set; }

    /// <summary>The policy chosen; 0 for a new one named by <see cref="NewCode"/> and <see cref="NewTitle"/>.</summary>
    [BindProperty] public int PolicyId { get; set; }
    [BindProperty] public string? NewCode { get; set; }
    [BindProperty] public string? NewTitle { get; set; }
    /// <summary>The measure's number under the policy.</summary>
    [BindProperty] public string Code { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Code = Measure.PrimaryPlacement.Code;
        PolicyId = Policies.FirstOrDefault()?.Id ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var plan = Measure.Plan;
        try
        {
            var policy = PolicyId == 0 ? plan.AddPolicyForUnplaced(NewCode ?? "", NewTitle ?? "") : Policies.FirstOrDefault(p => p.Id == PolicyId);
            if (policy is null) return NotFound();
            Measure.MoveTo(policy, Code);
            if (!plan.Measures.Any(m => m.Placements.Any(p => p.Node == Placeholder)))
            {
                plan.RemoveNode(Placeholder);
                db.PlanNodes.Remove(Placeholder);
            }
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/measures/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var planId = await db.Measures.Where(m => m.Id == id).Select(m => (int?)m.PlanId).FirstOrDefaultAsync(ct);
        if (planId is null) return NotFound();
        var plan = await db.Plans.Include(p => p.Organisation).Include(p => p.Nodes).Include(p => p.Indicators)
            .Include(p => p.Measures).ThenInclude(m => m.Placements)
            .AsSplitQuery().FirstAsync(p => p.Id == planId, ct);
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        Measure = plan.Measures.Single(m => m.Id == id);
        // Only a measure imported without a policy is sorted here; a draft's measures move on its edit page.
        if (!Measure.PrimaryPlacement.Node.IsPlaceholder) return NotFound();
        Placeholder = Measure.PrimaryPlacement.Node;
        Policies = PlanQueries.Walk(PlanQueries.Roots(plan)).Where(n => n.Depth == plan.NodeDepth - 1 && !n.IsPlaceholder).ToList();
        return null;
    }
}
