using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Reports;

/// <summary>The download page of a plan's open data: its published years as CSV and JSON, and each year's progress sheet.</summary>
public sealed class OpenDataModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public IReadOnlyList<FiscalYear> Years { get; private set; } = [];
    /// <summary>The published years' opinions (主な意見と考え方), as the public reads them.</summary>
    public IReadOnlyList<PublishedOpinion> Opinions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? File(OpenData.ToCsv(OpenData.Of(Plan, Years, Opinions)), "text/csv; charset=utf-8", $"{FileStem}.csv");

    public async Task<IActionResult> OnGetJsonAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? File(OpenData.ToJson(OpenData.Of(Plan, Years, Opinions)), "application/json; charset=utf-8", $"{FileStem}.json");

    public async Task<IActionResult> OnGetIndicatorsCsvAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? File(OpenData.IndicatorsToCsv(OpenData.Of(Plan, Years, Opinions)), "text/csv; charset=utf-8", $"{Plan.Organisation.Code}_{Plan.Name}_指標.csv");

    public async Task<IActionResult> OnGetOpinionsCsvAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? File(OpenData.OpinionsToCsv(OpenData.Of(Plan, Years, Opinions)), "text/csv; charset=utf-8", $"{Plan.Organisation.Code}_{Plan.Name}_主な意見.csv");

    private string FileStem => $"{Plan.Organisation.Code}_{Plan.Name}_進行管理";

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await ReportQueries.LoadAsync(db, id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.SeesPlan(plan)) return me.IsSignedIn ? NotFound() : Challenge();
        // Open data is what the public reads, whoever downloads it.
        Publication.WithholdUnpublished(db, plan);
        Plan = plan;
        Years = plan.PublishedYears.OrderDescending().ToList();
        Opinions = await Review.OpinionQueries.SeenByAsync(db, plan, MemberRoles.Anonymous, ct);
        return null;
    }
}
