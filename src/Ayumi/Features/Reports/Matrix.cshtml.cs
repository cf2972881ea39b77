using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Reports;

/// <summary>Komae's department × measure matrix: a ● where a department is responsible for a measure, each measure once.</summary>
public sealed class MatrixModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<Measure> Measures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var csv = new CsvText().Row(["番号", "取組", .. Departments.Select(d => d.Name)]);
        foreach (var measure in Measures)
            csv.Row([measure.PrimaryPlacement.FullCode, measure.Title, .. Departments.Select(d => IsResponsible(measure, d) ? "●" : "")]);
        return File(csv.ToBytes(), "text/csv; charset=utf-8", $"{Plan.Name}_担当課.csv");
    }

    public static bool IsResponsible(Measure measure, Department department) => measure.Departments.Any(d => d.Department.Id == department.Id);

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await ReportQueries.LoadAsync(db, id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.SeesPlan(plan)) return me.IsSignedIn ? NotFound() : Challenge();
        me.Withhold(db, plan);
        Plan = plan;
        Measures = PlanQueries.MeasuresInTreeOrder(plan).ToList();
        Departments = Measures.SelectMany(m => m.Departments.OrderBy(d => d.Order).Select(d => d.Department)).DistinctBy(d => d.Id).ToList();
        return null;
    }
}
