using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Localization;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Cycle;

/// <summary>A department still owing work in a year: the parts it owes, and the editors who can be reminded (none: it needs a user).</summary>
public sealed record DepartmentReminder(Department Department, IReadOnlyList<EntryPart> Owed, IReadOnlyList<AyumiUser> Editors)
{
    public bool NeedsUser => Editors.Count == 0;
}

/// <summary>Who owes what in a year, and the reminder each editor is sent.</summary>
public static class Reminders
{
    /// <summary>Every department with an outstanding part, by name, with its enabled editors.</summary>
    public static async Task<IReadOnlyList<DepartmentReminder>> OwingAsync(AyumiDbContext db, Plan plan, IReadOnlyList<EntryPart> parts, CancellationToken ct)
    {
        var owing = parts.Where(p => p.IsOutstanding).GroupBy(p => p.Department).ToList();
        var editors = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganisationId == plan.OrganisationId && m.Role == MemberRole.DepartmentEditor)
            .ToListAsync(ct);
        var userIds = editors.Select(m => m.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && !u.IsDisabled).ToDictionaryAsync(u => u.Id, ct);
        return owing
            .Select(g => new DepartmentReminder(g.Key,
                g.OrderBy(p => p.YearlyEntry.Measure.PrimaryPlacement.ParsedFullCode).ToList(),
                editors.Where(m => m.Departments.Any(d => d.DepartmentId == g.Key.Id) && users.ContainsKey(m.UserId))
                    .Select(m => users[m.UserId]).DistinctBy(u => u.Id).OrderBy(u => u.Email, StringComparer.Ordinal).ToList()))
            .OrderBy(r => r.Department.Name, StringComparer.Ordinal).ToList();
    }

    public static string Subject(Plan plan, ReportingYear year) => $"歩み: {plan.Name} {year.FiscalYear.ToJapanese()}の入力のお願い";

    /// <summary>The mail to one editor: the measures their departments still owe, each by its full position.</summary>
    public static string Body(AyumiUser editor, Plan plan, ReportingYear year, IEnumerable<DepartmentReminder> theirs, string baseUrl)
    {
        var deadline = year.Deadline is { } d ? $"（期限: {JapanTimeText.FormatDate(d, UiText.Japanese)}）" : "";
        var lines = theirs.SelectMany(r => r.Owed.Select(p =>
            $"・{(p.Status == PartStatus.Returned ? "【差し戻し】" : "")}{p.YearlyEntry.Measure.PositionName()}（{r.Department.Name}）"));
        return $"{editor.DisplayName} 様\n\n{plan.Name}の{year.FiscalYear.ToJapanese()}の進行管理の入力をお願いします{deadline}。\n" +
               $"まだ提出されていない取組:\n{string.Join("\n", lines)}\n\n{baseUrl.TrimEnd('/')}/my\n";
    }
}
