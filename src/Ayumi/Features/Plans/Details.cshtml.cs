using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

public sealed class DetailsModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    /// <summary>Where the plan tree partials find this page.</summary>
    public const string ViewDataKey = "PlanPage";

    public Plan Plan { get; private set; } = null!;
    public IReadOnlyList<Plan> Successors { get; private set; } = [];
    /// <summary>The fiscal years that have entries, newest first.</summary>
    public IReadOnlyList<FiscalYear> Years { get; private set; } = [];
    public FiscalYear? Year { get; private set; }
    public IReadOnlyList<(GradeDefinition Grade, int Count)> GradeCounts { get; private set; } = [];
    /// <summary>The organisation's current plan (its latest published one), when it is not this plan.</summary>
    public Plan? CurrentPlan { get; private set; }
    public bool IsCurrent { get; private set; }
    public Notice? Notice { get; private set; }
    /// <summary>The plan's years whose publication was withdrawn, oldest first: its notice of correction (訂正のお知らせ).</summary>
    public IReadOnlyList<PublicationCorrection> Corrections { get; private set; } = [];

    /// <summary>A withdrawal of a year's publication as the public notice states it: when, why, and when the year was published again.</summary>
    public sealed record PublicationCorrection(FiscalYear Year, DateOnly WithdrawnOn, string Reason, DateOnly? RepublishedOn);

    public async Task<IActionResult> OnGetAsync(int id, string? year, CancellationToken ct)
    {
        var plan = await PlanQueries.LoadTreeAsync(db, id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        var canManage = me.CanManage(plan.OrganisationId);
        if (!me.SeesPlan(plan)) return me.IsSignedIn ? NotFound() : Challenge();
        me.Withhold(db, plan);
        Plan = plan;
        Successors = await db.Plans.AsNoTracking().Where(p => p.PredecessorId == id).Where(Publication.PlansSeenBy(me)).OrderBy(p => p.Generation).ToListAsync(ct);
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.Plans).SingleAsync(o => o.Id == plan.OrganisationId, ct);
        var currentPlan = organisation.CurrentPlan;
        IsCurrent = currentPlan?.Id == plan.Id;
        CurrentPlan = IsCurrent ? null : currentPlan;
        if (Request.Query.ContainsKey("published")) Notice = Notice.Success("plan.publishedNotice", plan.Name);
        else if (Request.Query.ContainsKey("created")) Notice = Notice.Success("planNew.created", plan.Name);
        Years = plan.PublishedYears.OrderDescending().ToList();
        Corrections = await CorrectionsAsync(plan, ct);
        Year = FiscalYear.TryParse(year, out var chosen) && Years.Contains(chosen) ? chosen : Years.Count > 0 ? plan.LatestReportedYear(Years) : null;
        if (Year is { } shown)
        {
            var grades = plan.Measures.Select(m => m.Entries.FirstOrDefault(e => e.FiscalYear == shown)?.Grade).ToList();
            GradeCounts = plan.Grades.Select(g => (g, grades.Count(x => x == g.Symbol))).ToList();
        }
        return Page();
    }

    /// <summary>The secretariat adopts a draft: it becomes public and, as the latest published plan, the current one; the earlier plan and its published years stay as they are.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        // Publishing twice (a second click) changes nothing: the plan is shown as it is.
        if (plan.Status == PlanStatus.Published) return Redirect($"/plans/{id}");
        plan.Publish();
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{id}?published=1");
    }

    /// <summary>
    /// Every withdrawal of the plan's published years, each with the day the year was published again when that came after it
    /// and no later withdrawal did. Public by design: the notice is how readers learn that a year they saw was taken back.
    /// </summary>
    private async Task<IReadOnlyList<PublicationCorrection>> CorrectionsAsync(Plan plan, CancellationToken ct)
    {
        var withdrawals = await db.PublicationWithdrawals.AsNoTracking().Where(w => w.ReportingYear.PlanId == plan.Id)
            .OrderBy(w => w.Id).Select(w => new { w.ReportingYearId, w.At, w.Reason }).ToListAsync(ct);
        return withdrawals.Select(w =>
        {
            var year = plan.ReportingYears.Single(r => r.Id == w.ReportingYearId);
            var latest = withdrawals.Last(o => o.ReportingYearId == w.ReportingYearId) == w;
            var republished = latest && year.Status == ReportingStatus.Published && year.PublishedAt > w.At ? JapanTime.DateOf(year.PublishedAt.Value) : (DateOnly?)null;
            return new PublicationCorrection(year.FiscalYear, JapanTime.DateOf(w.At), w.Reason, republished);
        }).ToList();
    }

    public YearlyEntry? EntryOf(Measure measure) => Year is { } y ? measure.Entries.FirstOrDefault(e => e.FiscalYear == y) : null;

    public int GradedCount => GradeCounts.Sum(g => g.Count);
}
