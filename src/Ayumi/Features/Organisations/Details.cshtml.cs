using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Organisations;

public sealed class DetailsModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public OrganisationView Organisation { get; private set; } = null!;
    public Notice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!LocalGovernmentCode.TryParse(code, out var parsed, out _)) return NotFound();
        var organisation = await db.Organisations.AsNoTracking()
            .Include(o => o.Plans).ThenInclude(p => p.Predecessor)
            .Include(o => o.Departments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Code == parsed, ct);
        if (organisation is null) return NotFound();

        // A draft's measures are the secretariat's work in progress, not yet any department's.
        var measureCounts = await db.Measures.Where(m => m.Plan.OrganisationId == organisation.Id && m.Plan.Status == PlanStatus.Published)
            .SelectMany(m => m.Departments.Select(d => d.DepartmentId))
            .GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var planCounts = await db.Measures.Where(m => m.Plan.OrganisationId == organisation.Id)
            .GroupBy(m => m.PlanId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var me = await current.GetAsync(ct);
        var currentPlan = organisation.CurrentPlan;
        if (Request.Query.ContainsKey("created")) Notice = Notice.Success("organisationNew.created", organisation.Name);
        Organisation = new OrganisationView(
            organisation.Id,
            organisation.Code.Value,
            organisation.Name,
            organisation.Kind,
            organisation.Reading,
            organisation.Prefecture,
            organisation.Population,
            organisation.Plans.Where(me.SeesPlan).OrderBy(p => p.Generation)
                .Select(p => new PlanRow(p.Id, p.Name, p.GenerationLabel, p.PeriodLabel, p.Predecessor?.Name, planCounts.GetValueOrDefault(p.Id),
                    p.Status == PlanStatus.Draft ? "plan.status.draft" : p == currentPlan ? "plan.current" : null))
                .ToList(),
            organisation.Departments.OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(d => new DepartmentRow(d.Id, d.ParentId, d.Name, measureCounts.GetValueOrDefault(d.Id)))
                .ToList());
        return Page();
    }

    public sealed record OrganisationView(int Id, string Code, string Name, OrganisationKind Kind, string? Reading, string? Prefecture, int? Population, IReadOnlyList<PlanRow> Plans, IReadOnlyList<DepartmentRow> Departments);
    /// <param name="StatusKey">The text key of the plan's badge: a draft, or the current plan; null for earlier plans.</param>
    public sealed record PlanRow(int Id, string Name, string Generation, string Period, string? Predecessor, int MeasureCount, string? StatusKey);
    public sealed record DepartmentRow(int Id, int? ParentId, string Name, int MeasureCount);
}
