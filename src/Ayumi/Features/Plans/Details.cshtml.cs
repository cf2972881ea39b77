using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

public sealed class DetailsModel(AyumiDbContext db) : PageModel
{
    /// <summary>Where the plan tree partials find this page.</summary>
    public const string ViewDataKey = "PlanPage";

    public Plan Plan { get; private set; } = null!;
    public IReadOnlyList<Plan> Successors { get; private set; } = [];
    /// <summary>The fiscal years that have entries, newest first.</summary>
    public IReadOnlyList<FiscalYear> Years { get; private set; } = [];
    public FiscalYear? Year { get; private set; }
    public IReadOnlyList<(GradeDefinition Grade, int Count)> GradeCounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? year, CancellationToken ct)
    {
        var plan = await PlanQueries.LoadTreeAsync(db, id, ct);
        if (plan is null) return NotFound();
        Plan = plan;
        Successors = await db.Plans.AsNoTracking().Where(p => p.PredecessorId == id).OrderBy(p => p.Generation).ToListAsync(ct);
        Years = plan.PublishedYears.OrderDescending().ToList();
        Year = FiscalYear.TryParse(year, out var chosen) && Years.Contains(chosen) ? chosen : Years.Count > 0 ? Years[0] : null;
        if (Year is { } shown)
        {
            var grades = plan.Measures.Select(m => m.Entries.FirstOrDefault(e => e.FiscalYear == shown)?.Grade).ToList();
            GradeCounts = plan.Grades.Select(g => (g, grades.Count(x => x == g.Symbol))).ToList();
        }
        return Page();
    }

    public YearlyEntry? EntryOf(Measure measure) => Year is { } y ? measure.Entries.FirstOrDefault(e => e.FiscalYear == y) : null;

    public int GradedCount => GradeCounts.Sum(g => g.Count);
}
