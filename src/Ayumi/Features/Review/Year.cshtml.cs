using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Cycle;
using Ayumi.Features.Plans;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Review;

/// <summary>
/// Council and committee members read a locked year, comment on measures and evaluate goals
/// and policies; the secretariat answers the comments.
/// </summary>
[Authorize]
public sealed class YearModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public ReportingYear Year { get; private set; } = null!;
    public MemberRoles Me { get; private set; } = MemberRoles.Anonymous;
    public IReadOnlyList<ReviewComment> Comments { get; private set; } = [];
    public IReadOnlyList<PolicyEvaluation> Evaluations { get; private set; } = [];
    public Notice? Notice { get; private set; }

    public bool CanAnswer => Me.CanManage(Plan.OrganisationId);

    /// <summary>The evaluation body the reader reviews for, whose name their comments and evaluations carry; null when none.</summary>
    public EvaluationBody? MyBody => Plan.EvaluationBodyOf(Me.UserId);

    public IEnumerable<(Measure Measure, YearlyEntry Entry)> Entries =>
        PlanQueries.MeasuresInTreeOrder(Plan)
            .Select(m => (m, m.Entries.FirstOrDefault(e => e.FiscalYear == Year.FiscalYear)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.m, x.Item2!));

    public async Task<IActionResult> OnGetAsync(int id, string year, CancellationToken ct) => await LoadAsync(id, year, ct) ?? Page();

    public async Task<IActionResult> OnPostCommentAsync(int id, string year, int measureId, string? text, int? answersId, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        if (Plan.Measures.All(m => m.Id != measureId)) return NotFound();
        if (answersId is not null && (!CanAnswer || Comments.All(c => c.Id != answersId))) return Forbid();
        return await AddAsync(() => db.ReviewComments.Add(new ReviewComment(Year.Id, measureId, null, Me.UserId!, Me.Name, text ?? "", clock.GetUtcNow(), answersId,
            answersId is null ? MyBody?.Name : null)), id, year, ct);
    }

    public async Task<IActionResult> OnPostEvaluateAsync(int id, string year, int nodeId, EvaluationKind kind, string? grade, string? text, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        if (Plan.Nodes.All(n => n.Id != nodeId)) return NotFound();
        if (grade is not null && Plan.GradeScale.Find(grade) is null) grade = null;
        return await AddAsync(() => db.PolicyEvaluations.Add(new PolicyEvaluation(Year.Id, nodeId, Me.UserId!, Me.Name, kind, grade, text ?? "", clock.GetUtcNow(), MyBody?.Name)), id, year, ct);
    }

    private async Task<IActionResult> AddAsync(Action add, int id, string year, CancellationToken ct)
    {
        try
        {
            add();
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        return Redirect($"/plans/{id}/review/{year}#comments");
    }

    private async Task<IActionResult?> LoadAsync(int id, string year, CancellationToken ct)
    {
        if (!FiscalYear.TryParse(year, out var fiscalYear)) return NotFound();
        var plan = await PlanQueries.LoadTreeAsync(db, id, ct);
        var reporting = plan?.ReportingYears.FirstOrDefault(r => r.FiscalYear == fiscalYear);
        if (plan is null || reporting is null) return NotFound();
        Me = await current.GetAsync(ct);
        if (!Me.CanReview(plan.OrganisationId, reporting.Status)) return Forbid();
        Plan = plan;
        Year = reporting;
        Comments = await db.ReviewComments.AsNoTracking().Where(c => c.ReportingYearId == reporting.Id).OrderBy(c => c.Id).ToListAsync(ct);
        Evaluations = await db.PolicyEvaluations.AsNoTracking().Where(e => e.ReportingYearId == reporting.Id).OrderBy(e => e.Id).ToListAsync(ct);
        return null;
    }
}
