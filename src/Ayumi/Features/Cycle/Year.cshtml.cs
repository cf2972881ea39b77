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
/// returning and approving entries, chasing the departments still owing work, locking and
/// publishing the year.
/// </summary>
[Authorize]
public sealed class YearModel(AyumiDbContext db, CurrentMember current, TimeProvider clock, Mailer mailer) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public ReportingYear Year { get; private set; } = null!;
    public IReadOnlyList<EntryPart> Parts { get; private set; } = [];
    public Notice? Notice { get; private set; }
    public IReadOnlyList<string> OwingMailList { get; private set; } = [];

    public sealed record DepartmentRow(Department Department, IReadOnlyDictionary<PartStatus, int> Counts, int Total)
    {
        public bool Owes => Counts.Where(c => c.Key is PartStatus.NotStarted or PartStatus.Draft or PartStatus.Returned).Sum(c => c.Value) > 0;
    }

    public IReadOnlyList<DepartmentRow> Departments => Parts.GroupBy(p => p.Department)
        .Select(g => new DepartmentRow(g.Key, g.GroupBy(p => p.Status).ToDictionary(s => s.Key, s => s.Count()), g.Count()))
        .OrderBy(r => r.Department.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<EntryPart> PartsInTreeOrder => Parts
        .OrderBy(p => p.YearlyEntry.Measure.PrimaryPlacement.ParsedCode).ThenBy(p => p.YearlyEntry.Measure.Key)
        .ThenBy(p => p.YearlyEntry.Measure.Departments.FirstOrDefault(d => d.DepartmentId == p.DepartmentId)?.Order).ToList();

    public bool IsOverdue => Year.IsOverdue(DateOnly.FromDateTime(clock.GetLocalNow().DateTime));

    public async Task<IActionResult> OnGetAsync(int id, string year, CancellationToken ct) => await LoadAsync(id, year, ct) ?? Page();

    public Task<IActionResult> OnPostApproveAsync(int id, string year, int partId, CancellationToken ct) =>
        ChangePartAsync(id, year, partId, part => part.Approve(Year), "cycle.approved", ct);

    public Task<IActionResult> OnPostReturnAsync(int id, string year, int partId, string? comment, CancellationToken ct) =>
        ChangePartAsync(id, year, partId, part => part.Return(comment ?? "", Year), "cycle.returned", ct);

    public async Task<IActionResult> OnPostLockAsync(int id, string year, CancellationToken ct) =>
        await ChangeYearAsync(id, year, () => Year.Lock(Parts.ToList(), clock.GetUtcNow()), "cycle.locked", ct);

    public async Task<IActionResult> OnPostPublishAsync(int id, string year, CancellationToken ct) =>
        await ChangeYearAsync(id, year, () => Year.Publish(clock.GetUtcNow()), "cycle.published", ct);

    public async Task<IActionResult> OnPostDeadlineAsync(int id, string year, DateOnly? deadline, CancellationToken ct) =>
        await ChangeYearAsync(id, year, () => Year.ChangeDeadline(deadline), "cycle.deadlineChanged", ct);

    /// <summary>Mails the editors of every department still owing work, or lists their addresses to copy when no SMTP server is set.</summary>
    public async Task<IActionResult> OnPostRemindAsync(int id, string year, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        var owing = Departments.Where(d => d.Owes).Select(d => d.Department.Id).ToList();
        var editors = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganisationId == Plan.OrganisationId && m.Role == MemberRole.DepartmentEditor)
            .ToListAsync(ct);
        var userIds = editors.Where(m => m.Departments.Any(d => owing.Contains(d.DepartmentId))).Select(m => m.UserId).Distinct().ToList();
        var addresses = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => u.Email!).OrderBy(e => e).ToListAsync(ct);
        if (mailer.IsConfigured)
        {
            var sent = 0;
            foreach (var address in addresses)
                if (await mailer.SendAsync(address, $"歩み: {Plan.Name} {Year.FiscalYear.ToJapanese()}の入力のお願い",
                    $"{Plan.Name}の{Year.FiscalYear.ToJapanese()}の進行管理の入力をお願いします（期限: {Year.Deadline:yyyy-MM-dd}）。\n{Request.Scheme}://{Request.Host}/my\n", ct))
                    sent++;
            Notice = Notice.Success("cycle.reminded", sent);
        }
        else
        {
            OwingMailList = addresses;
            Notice = Notice.Success("cycle.copyAddresses", addresses.Count);
        }
        return Page();
    }

    private async Task<IActionResult> ChangePartAsync(int id, string year, int partId, Action<EntryPart> change, string done, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        var part = Parts.FirstOrDefault(p => p.Id == partId);
        if (part is null) return NotFound();
        return await SaveAsync(() => change(part), done, ct);
    }

    private async Task<IActionResult> ChangeYearAsync(int id, string year, Action change, string done, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        return await SaveAsync(change, done, ct);
    }

    private async Task<IActionResult> SaveAsync(Action change, string done, CancellationToken ct)
    {
        try
        {
            change();
            await db.SaveChangesAsync(ct);
            Notice = Notice.Success(done);
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            Notice = Notice.Error("cycle.changedMeanwhile");
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, string year, CancellationToken ct)
    {
        if (!FiscalYear.TryParse(year, out var fiscalYear)) return NotFound();
        var plan = await CycleQueries.PlanWithYearsAsync(db, id, ct);
        var reporting = plan?.ReportingYears.FirstOrDefault(r => r.FiscalYear == fiscalYear);
        if (plan is null || reporting is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        Plan = plan;
        Year = reporting;
        Parts = await CycleQueries.PartsAsync(db, id, fiscalYear, ct);
        return null;
    }
}
