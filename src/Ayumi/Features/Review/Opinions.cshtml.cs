using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Plans;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Review;

/// <summary>
/// The secretariat chooses which of a locked year's comments to publish as 主な意見と市（県）の考え方, in the comment's words or a
/// summary of one or several, each with the answer. Publishing the year publishes them; the comments themselves never are.
/// </summary>
[Authorize]
public sealed class OpinionsModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public ReportingYear Year { get; private set; } = null!;
    /// <summary>The reviewers' comments of the year (not the secretariat's answers), in the plan's order of measures.</summary>
    public IReadOnlyList<ReviewComment> Comments { get; private set; } = [];
    public IReadOnlyList<ReviewComment> Answers { get; private set; } = [];
    public IReadOnlyList<PublishedOpinion> Opinions { get; private set; } = [];
    public Notice? Notice { get; private set; }

    public bool CanEdit => Year.Status == ReportingStatus.Locked;

    public string MeasureName(int? measureId) => Plan.Measures.FirstOrDefault(m => m.Id == measureId)?.PositionName() ?? "";

    /// <summary>The number of the opinion a comment is published in; null when it is not chosen.</summary>
    public int? OpinionNumberOf(ReviewComment comment)
    {
        var index = Opinions.ToList().FindIndex(o => o.CommentIds.Contains(comment.Id));
        return index < 0 ? null : index + 1;
    }

    public async Task<IActionResult> OnGetAsync(int id, string year, string? done, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } refused) return refused;
        if (done is "chosen" or "saved" or "removed") Notice = Notice.Success("opinions.done." + done);
        return Page();
    }

    public Task<IActionResult> OnPostChooseAsync(int id, string year, int commentId, string? opinion, string? answer, CancellationToken ct) =>
        ChangeAsync(id, year, "chosen", tracked => db.PublishedOpinions.Add(new PublishedOpinion(tracked, Chosen([commentId]), opinion, answer, NextOrder)), ct);

    public Task<IActionResult> OnPostSummariseAsync(int id, string year, int[]? commentIds, string? opinion, string? answer, CancellationToken ct) =>
        ChangeAsync(id, year, "chosen", tracked => db.PublishedOpinions.Add(new PublishedOpinion(tracked, Chosen(commentIds ?? []), opinion, answer, NextOrder)), ct);

    public Task<IActionResult> OnPostRewordAsync(int id, string year, int opinionId, string? opinion, string? answer, CancellationToken ct) =>
        ChangeAsync(id, year, "saved", async tracked => (await OpinionAsync(opinionId, ct)).Reword(tracked, opinion, answer), ct);

    public Task<IActionResult> OnPostRemoveAsync(int id, string year, int opinionId, CancellationToken ct) =>
        ChangeAsync(id, year, "removed", async tracked =>
        {
            PublishedOpinion.EnsureEditable(tracked);
            db.PublishedOpinions.Remove(await OpinionAsync(opinionId, ct));
        }, ct);

    private int NextOrder => Opinions.Select(o => o.Order).DefaultIfEmpty(0).Max() + 1;

    private List<ReviewComment> Chosen(IReadOnlyCollection<int> ids) => Comments.Where(c => ids.Contains(c.Id)).ToList();

    private async Task<PublishedOpinion> OpinionAsync(int opinionId, CancellationToken ct) =>
        await db.PublishedOpinions.FirstOrDefaultAsync(o => o.Id == opinionId && o.ReportingYearId == Year.Id, ct)
        ?? throw new DomainException("No such opinion in this year.", "error.noSuchOpinion");

    private Task<IActionResult> ChangeAsync(int id, string year, string done, Action<ReportingYear> change, CancellationToken ct) =>
        ChangeAsync(id, year, done, tracked => { change(tracked); return Task.CompletedTask; }, ct);

    private async Task<IActionResult> ChangeAsync(int id, string year, string done, Func<ReportingYear, Task> change, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } refused) return refused;
        // The year itself is read again, tracked, so that an opinion is tied to it without the untracked tree coming along.
        var tracked = await db.ReportingYears.SingleAsync(r => r.Id == Year.Id, ct);
        try
        {
            await change(tracked);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Notice = Notice.Refused(e);
            return Page();
        }
        return Redirect($"/plans/{id}/cycle/{Year.FiscalYear}/opinions?done={done}#opinions");
    }

    private async Task<IActionResult?> LoadAsync(int id, string year, CancellationToken ct)
    {
        if (!FiscalYear.TryParse(year, out var fiscalYear)) return NotFound();
        var plan = await PlanQueries.LoadTreeAsync(db, id, ct);
        var reporting = plan?.ReportingYears.FirstOrDefault(r => r.FiscalYear == fiscalYear);
        if (plan is null || reporting is null) return NotFound();
        if (!(await current.GetAsync(ct)).CanManage(plan.OrganisationId)) return Forbid();
        (Plan, Year) = (plan, reporting);
        var order = PlanQueries.MeasuresInTreeOrder(plan).Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var comments = await db.ReviewComments.AsNoTracking().Where(c => c.ReportingYearId == reporting.Id).OrderBy(c => c.Id).ToListAsync(ct);
        Comments = comments.Where(c => c.AnswersId is null).OrderBy(c => c.MeasureId is { } m ? order.GetValueOrDefault(m, int.MaxValue) : int.MaxValue).ThenBy(c => c.Id).ToList();
        Answers = comments.Where(c => c.AnswersId is not null).ToList();
        Opinions = await db.PublishedOpinions.AsNoTracking().Where(o => o.ReportingYearId == reporting.Id).OrderBy(o => o.Order).ThenBy(o => o.Id).ToListAsync(ct);
        return null;
    }
}
