using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

/// <summary>
/// What changed between a plan and an earlier plan of the same organisation (by default its
/// predecessor), as a page, a workbook and a CSV. Public for published plans; a draft is
/// compared for its secretariat only.
/// </summary>
public sealed class CompareModel(AyumiDbContext db, CurrentMember current, UiText text) : PageModel
{
    public PlanComparison Comparison { get; private set; } = null!;
    /// <summary>The organisation's earlier plans this one can be compared with.</summary>
    public IReadOnlyList<Plan> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? from, CancellationToken ct) => await LoadAsync(id, from, ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(int id, int? from, CancellationToken ct) =>
        await LoadAsync(id, from, ct) ?? File(PlanComparisonTable.Csv(Comparison, k => text[k]), "text/csv; charset=utf-8", FileName("csv"));

    public async Task<IActionResult> OnGetXlsxAsync(int id, int? from, CancellationToken ct) =>
        await LoadAsync(id, from, ct) ?? File(PlanComparisonTable.Workbook(Comparison, k => text[k]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));

    private string FileName(string extension) => $"{Comparison.Earlier.Name}_{Comparison.Later.Name}_比較.{extension}";

    private async Task<IActionResult?> LoadAsync(int id, int? from, CancellationToken ct)
    {
        var later = await PlanQueries.LoadTreeAsync(db, id, ct);
        if (later is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.SeesPlan(later)) return me.IsSignedIn ? NotFound() : Challenge();
        // Lineage runs from earlier plans to later ones, so only an earlier generation is compared with.
        Others = await db.Plans.AsNoTracking().Where(p => p.OrganisationId == later.OrganisationId && p.Generation < later.Generation).Where(Publication.PlansSeenBy(me))
            .OrderBy(p => p.Generation).ThenBy(p => p.Id).ToListAsync(ct);
        var earlierId = from ?? later.PredecessorId;
        if (earlierId is null || Others.All(p => p.Id != earlierId)) return NotFound();
        var earlier = await PlanQueries.LoadTreeAsync(db, earlierId.Value, ct);
        // Budgets side by side are the last and first the reader may see of each measure.
        me.Withhold(db, earlier!);
        me.Withhold(db, later);
        Comparison = PlanComparison.Build(earlier!, later);
        return null;
    }
}
