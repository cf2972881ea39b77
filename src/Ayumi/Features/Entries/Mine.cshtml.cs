using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Entries;

/// <summary>A signed-in user's to-do list: their departments' parts of open years, and the dashboards they run.</summary>
[Authorize]
public sealed class MineModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public MemberRoles Me { get; private set; } = MemberRoles.Anonymous;
    public IReadOnlyList<EntryPart> Parts { get; private set; } = [];
    public IReadOnlyList<ReportingYear> ManagedYears { get; private set; } = [];
    public IReadOnlyList<ReportingYear> ReviewYears { get; private set; } = [];
    public IReadOnlyList<Plan> ManagedPlans { get; private set; } = [];
    public IReadOnlyList<Organisation> ManagedOrganisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Me = await current.GetAsync(ct);
        var editorRoles = Me.Roles.Where(r => r.Kind == MemberRole.DepartmentEditor).ToList();
        var departmentIds = editorRoles.SelectMany(r => r.DepartmentIds).Distinct().ToList();
        Parts = await db.EntryParts.AsNoTracking()
            .Include(p => p.Department)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Plan).ThenInclude(p => p.ReportingYears)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Placements).ThenInclude(pl => pl.Node)
            .Where(p => departmentIds.Contains(p.DepartmentId))
            .Where(p => p.YearlyEntry.Measure.Plan.ReportingYears.Any(r => r.FiscalYear == p.YearlyEntry.FiscalYear && r.Status == ReportingStatus.Open))
            .AsSplitQuery()
            .ToListAsync(ct);
        // A department belongs to one organisation, and memberships only name their own organisation's departments.
        Parts = Parts.OrderBy(p => p.YearlyEntry.Measure.Plan.Name).ThenBy(p => p.YearlyEntry.Measure.PrimaryPlacement.ParsedFullCode).ToList();

        var managed = Me.IsAdministrator
            ? await db.Organisations.AsNoTracking().Select(o => o.Id).ToListAsync(ct)
            : Me.Roles.Where(r => r.Kind == MemberRole.Secretariat).Select(r => r.OrganisationId).ToList();
        ManagedOrganisations = await db.Organisations.AsNoTracking().Where(o => managed.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(ct);
        ManagedPlans = await db.Plans.AsNoTracking().Include(p => p.Organisation).Include(p => p.ReportingYears)
            .Where(p => managed.Contains(p.OrganisationId)).OrderBy(p => p.Name).ToListAsync(ct);
        var reviewing = Me.Roles.Where(r => r.Kind == MemberRole.Reviewer).Select(r => r.OrganisationId).Concat(managed).ToList();
        ReviewYears = await db.ReportingYears.AsNoTracking().Include(r => r.Plan)
            .Where(r => reviewing.Contains(r.Plan.OrganisationId) && r.Status == ReportingStatus.Locked).ToListAsync(ct);
        return Page();
    }
}
