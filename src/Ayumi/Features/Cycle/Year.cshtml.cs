using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Cycle;

/// <summary>
/// The secretariat's dashboard of one year: where every department and measure stands,
/// returning and approving entries (one at a time or many at once), chasing the departments
/// still owing work, and withdrawing a year opened by mistake. Locking, publishing and
/// withdrawing the publication are asked to be confirmed on their own pages.
/// </summary>
[Authorize]
public sealed class YearModel(AyumiDbContext db, CurrentMember current, TimeProvider clock, Mailer mailer) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public ReportingYear Year { get; private set; } = null!;
    public IReadOnlyList<EntryPart> Parts { get; private set; } = [];
    public Notice? Notice { get; private set; }
    public IReadOnlyList<string> OwingMailList { get; private set; } = [];
    /// <summary>After a reminder: every department still owing work, and whether it has anyone to remind.</summary>
    public IReadOnlyList<DepartmentReminder> Reminded { get; private set; } = [];

    /// <param name="Owes">Whether any of the department's parts is still outstanding (<see cref="EntryPart.IsOutstanding"/>).</param>
    public sealed record DepartmentRow(Department Department, IReadOnlyDictionary<PartStatus, int> Counts, int Total, bool Owes);

    public IReadOnlyList<DepartmentRow> Departments => Parts.GroupBy(p => p.Department)
        .Select(g => new DepartmentRow(g.Key, g.GroupBy(p => p.Status).ToDictionary(s => s.Key, s => s.Count()), g.Count(), g.Any(p => p.IsOutstanding)))
        .OrderBy(r => r.Department.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<EntryPart> PartsInTreeOrder => Parts
        .OrderBy(p => p.YearlyEntry.Measure.PrimaryPlacement.ParsedFullCode).ThenBy(p => p.YearlyEntry.Measure.Key)
        .ThenBy(p => p.YearlyEntry.Measure.Departments.FirstOrDefault(d => d.DepartmentId == p.DepartmentId)?.Order).ToList();

    public bool IsOverdue => Year.IsOverdue(JapanTime.Today(clock));

    /// <summary>A year opened by mistake is withdrawn while no part of it has been saved; after that it is locked, never deleted.</summary>
    public bool CanWithdraw => Year.IsOpen && !Parts.Any(p => p.IsSaved);

    /// <summary>The part the last action was on: the page comes back to its row, which says what was done.</summary>
    public int? ChangedPart { get; private set; }

    /// <summary>Whether the notice belongs beside the list of parts, where a bulk approval was made.</summary>
    public bool NoticeBesideParts { get; private set; }

    /// <summary>What the dashboard says after an action that redirected back to it (<c>?done=…</c>), by the action's name.</summary>
    private static readonly Dictionary<string, string> DoneNotices = new()
    {
        ["approved"] = "cycle.approved", ["returned"] = "cycle.returned", ["approvedMany"] = "cycle.approvedMany",
        ["locked"] = "cycle.locked", ["published"] = "cycle.published", ["unpublished"] = "cycle.unpublished",
    };

    public async Task<IActionResult> OnGetAsync(int id, string year, string? done, int? part, int? count, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        if (done is not null && DoneNotices.TryGetValue(done, out var key)) Notice = Notice.Success(key, count ?? 0);
        ChangedPart = Parts.Any(p => p.Id == part) ? part : null;
        NoticeBesideParts = done == "approvedMany";
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, string year, int partId, string? back, CancellationToken ct) =>
        ChangePartAsync(id, year, partId, part => part.Approve(Year), "approved", back, ct);

    public Task<IActionResult> OnPostReturnAsync(int id, string year, int partId, string? comment, string? back, CancellationToken ct) =>
        ChangePartAsync(id, year, partId, part => part.Return(comment ?? "", Year), "returned", back, ct);

    /// <summary>Approves the chosen parts, or every submitted part with <paramref name="all"/>, in one save.</summary>
    public async Task<IActionResult> OnPostApproveManyAsync(int id, string year, int[] partIds, bool all, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        var chosen = all ? Parts.Where(p => p.Status == PartStatus.Submitted).ToList() : Parts.Where(p => partIds.Contains(p.Id)).ToList();
        if (!all && chosen.Count != partIds.Distinct().Count()) return NotFound();
        if (!await SavedAsync(() => Year.Approve(chosen), ct)) return Page();
        return Redirect($"/plans/{id}/cycle/{Year.FiscalYear}?done=approvedMany&count={chosen.Count}#parts");
    }

    public async Task<IActionResult> OnPostDeadlineAsync(int id, string year, DateOnly? deadline, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        if (await SavedAsync(() => Year.ChangeDeadline(deadline), ct)) Notice = Notice.Success("cycle.deadlineChanged");
        return Page();
    }

    /// <summary>Withdraws a year opened by mistake (no part saved yet): the year and what its opening created are deleted, in the audit trail.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(int id, string year, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        var fiscalYear = Year.FiscalYear;
        await db.Measures.Where(m => m.PlanId == id)
            .Include(m => m.Entries.Where(e => e.FiscalYear == fiscalYear || e.FiscalYear == fiscalYear.Previous)).ThenInclude(e => e.Parts)
            .AsSplitQuery().LoadAsync(ct);
        foreach (var entry in Plan.Measures.SelectMany(m => m.Entries).Where(e => e.FiscalYear == fiscalYear)) db.LocateForAudit(entry, id);
        if (!await SavedAsync(() => Plan.WithdrawYear(Year), ct)) return Page();
        return Redirect($"/plans/{id}/cycle?withdrawn={Uri.EscapeDataString(fiscalYear.ToJapanese())}");
    }

    /// <summary>
    /// Mails the editors of every department still owing work, each the measures their departments owe, or lists their
    /// addresses to copy when no SMTP server is set; either way, lists every owing department, those without a user flagged.
    /// </summary>
    public async Task<IActionResult> OnPostRemindAsync(int id, string year, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        Reminded = await Reminders.OwingAsync(db, Plan, Parts, ct);
        var editors = Reminded.SelectMany(r => r.Editors).DistinctBy(u => u.Id).OrderBy(u => u.Email, StringComparer.Ordinal).ToList();
        if (mailer.IsConfigured)
        {
            var sent = 0;
            foreach (var editor in editors)
                if (await mailer.SendAsync(editor.Email!, Reminders.Subject(Plan, Year),
                    Reminders.Body(editor, Plan, Year, Reminded.Where(r => r.Editors.Contains(editor)), $"{Request.Scheme}://{Request.Host}"), ct))
                    sent++;
            Notice = Notice.Success("cycle.reminded", sent);
        }
        else
        {
            OwingMailList = editors.Select(u => u.Email!).ToList();
            Notice = Notice.Success("cycle.copyAddresses", OwingMailList.Count);
        }
        return Page();
    }

    /// <summary>
    /// Approves or returns one part, then goes back where the action was taken: the part's row on the dashboard, or the entry
    /// page (<paramref name="back"/> = <c>entry</c>). A refusal is shown on the dashboard.
    /// </summary>
    private async Task<IActionResult> ChangePartAsync(int id, string year, int partId, Action<EntryPart> change, string done, string? back, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        var part = Parts.FirstOrDefault(p => p.Id == partId);
        if (part is null) return NotFound();
        if (!await SavedAsync(() => change(part), ct)) return Page();
        return Redirect(back == "entry" ? $"/entries/{partId}?reviewed={done}" : $"/plans/{id}/cycle/{Year.FiscalYear}?done={done}&part={partId}#part-{partId}");
    }

    /// <summary>Makes a change and saves it; false, with the reason on the page, when the rules or another person's change refuse it.</summary>
    private async Task<bool> SavedAsync(Action change, CancellationToken ct)
    {
        try
        {
            change();
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            Notice = Notice.Error("cycle.changedMeanwhile");
        }
        return false;
    }

    private async Task<IActionResult?> LoadAsync(int id, string year, CancellationToken ct)
    {
        var (refusal, plan, reporting, parts) = await CycleQueries.ManagedYearAsync(db, current, id, year, ct);
        if (refusal is not null) return refusal;
        (Plan, Year, Parts) = (plan, reporting, parts);
        return null;
    }
}
