using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Departments;

public sealed class DetailsModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Department Department { get; private set; } = null!;
    /// <summary>The measures this department or its units are responsible for, by plan.</summary>
    public IReadOnlyList<IGrouping<Plan, Measure>> MeasuresByPlan { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTrackingWithIdentityResolution()
            .Include(d => d.Organisation).Include(d => d.Parent).Include(d => d.Children).Include(d => d.Aliases)
            .AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null) return NotFound();
        Department = department;
        var unitIds = department.Children.Select(c => c.Id).Append(id).ToList();
        var me = await current.GetAsync(ct);
        var plans = db.Plans.Where(Publication.PlansSeenBy(me)).Select(p => p.Id);
        var measures = await db.Measures.AsNoTrackingWithIdentityResolution()
            .Where(m => m.Departments.Any(d => unitIds.Contains(d.DepartmentId)) && plans.Contains(m.PlanId))
            .Include(m => m.Plan).Include(m => m.Placements).ThenInclude(p => p.Node)
            .AsSplitQuery()
            .ToListAsync(ct);
        MeasuresByPlan = measures.OrderBy(m => m.PrimaryPlacement.ParsedFullCode)
            .GroupBy(m => m.Plan).OrderBy(g => g.Key.Generation).ToList();
        return Page();
    }
}
