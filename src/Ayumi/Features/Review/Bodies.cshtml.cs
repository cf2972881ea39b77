using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Review;

/// <summary>
/// The plan's evaluation bodies (評価機関: 庁内評価委員会, 推進会議…) and their members, kept by the secretariat. A member tied to
/// a reviewer's account makes that reviewer's comments and evaluations carry the body's name. Each change is a change of the
/// plan, in the audit trail.
/// </summary>
[Authorize]
public sealed class BodiesModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    /// <summary>The organisation's reviewers, who can be tied to a member: account id and name.</summary>
    public IReadOnlyList<(string Id, string Name)> Reviewers { get; private set; } = [];
    public Notice? Notice { get; private set; }

    public string ReviewerName(string? userId) => Reviewers.FirstOrDefault(r => r.Id == userId).Name ?? "";

    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (done is "added" or "removed" or "memberAdded" or "memberRemoved") Notice = Notice.Success("bodies.done." + done);
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(int id, string? name, EvaluationKind kind, string? description, CancellationToken ct) =>
        ChangeAsync(id, "added", () => Plan.AddEvaluationBody(name ?? "", kind, description), ct);

    public Task<IActionResult> OnPostRemoveAsync(int id, string body, CancellationToken ct) =>
        ChangeAsync(id, "removed", () => Plan.RemoveEvaluationBody(body), ct);

    public Task<IActionResult> OnPostAddMemberAsync(int id, string body, string? memberName, string? role, string? userId, CancellationToken ct) =>
        ChangeAsync(id, "memberAdded", () =>
        {
            // Only the organisation's reviewers are tied to a body; any other id is refused as no account.
            var account = string.IsNullOrEmpty(userId) ? null : Reviewers.FirstOrDefault(r => r.Id == userId).Id
                ?? throw new DomainException("Only a reviewer of the organisation can be tied to a member.", "error.bodyMemberNotReviewer");
            Plan.AddBodyMember(body, memberName ?? "", role, account);
        }, ct);

    public Task<IActionResult> OnPostRemoveMemberAsync(int id, string body, int index, CancellationToken ct) =>
        ChangeAsync(id, "memberRemoved", () => Plan.RemoveBodyMember(body, index), ct);

    private async Task<IActionResult> ChangeAsync(int id, string done, Action change, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        try
        {
            change();
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        return Redirect($"/plans/{id}/bodies?done={done}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Organisation).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        if (!(await current.GetAsync(ct)).CanManage(plan.OrganisationId)) return Forbid();
        Plan = plan;
        Reviewers = (await db.Memberships.Where(m => m.OrganisationId == plan.OrganisationId && m.Role == MemberRole.Reviewer)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
            .Select(u => (u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName)).Distinct().OrderBy(u => u.Item2).ToList();
        return null;
    }
}
