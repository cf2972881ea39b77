using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Cycle;

/// <summary>Reminders reach every department still owing work; invitations leave the form empty for the next person.</summary>
public abstract class ReminderTests(CycleFixture fixture) : IAsyncLifetime
{
    private AyumiFactory Factory => fixture.Factory;
    private int _planId;

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    public async Task InitializeAsync()
    {
        _planId = await Factory.PlanIdAsync("212105");
        var year = FiscalYear.Parse("FY2025");
        if (!await Factory.QueryAsync(db => db.ReportingYears.AnyAsync(r => r.PlanId == _planId && r.FiscalYear == year)))
            await CycleSetup.OpenAsync(Factory, _planId, year);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_reminder_lists_every_owing_department_and_flags_those_without_a_user_with_a_link_to_invite_one()
    {
        // The fixture's editors cover every department of Ena's; the one for 商工課, 建築住宅課 and two more has left.
        await Factory.QueryAsync(async db =>
        {
            var others = await db.Users.SingleAsync(u => u.Email == CycleFixture.Others);
            if (!others.IsDisabled) others.Disable();
            return await db.SaveChangesAsync();
        });
        var owing = await Factory.QueryAsync(async db => (await db.EntryParts.Include(p => p.Department)
                .Where(p => p.YearlyEntry.Measure.PlanId == _planId && p.Status != PartStatus.Approved && p.Status != PartStatus.Submitted).ToListAsync())
            .Select(p => (p.Department.Id, p.Department.Name)).Distinct().ToList());
        var enabled = await Factory.QueryAsync(db => db.Users.Where(u => !u.IsDisabled).Select(u => u.Id).ToListAsync());
        var staffed = await Factory.QueryAsync(async db => (await db.Memberships.Where(m => m.Role == MemberRole.DepartmentEditor).ToListAsync())
            .Where(m => enabled.Contains(m.UserId)).SelectMany(m => m.Departments.Select(d => d.DepartmentId)).ToHashSet());
        var unstaffed = owing.Where(d => !staffed.Contains(d.Id)).ToList();
        Assert.NotEmpty(unstaffed);

        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var page = await secretariat.PostAndReadAsync($"/plans/{_planId}/cycle/FY2025?handler=Remind", []);
        var rows = page.QuerySelectorAll("table.reminders tbody tr").ToList();
        Assert.Equal(owing.Select(d => d.Name).Order(StringComparer.Ordinal), rows.Select(r => r.QuerySelector("th")!.TextContent));
        foreach (var (id, name) in unstaffed)
        {
            var row = rows.Single(r => r.QuerySelector("th")!.TextContent == name);
            Assert.Contains("利用者が未登録", row.TextContent);
            Assert.Equal($"/organisations/212105/members?department={id}#invite", row.QuerySelector("a[href*='/members']")!.GetAttribute("href"));
        }
        var fukushi = rows.Single(r => r.QuerySelector("th")!.TextContent == "社会福祉課");
        Assert.DoesNotContain("利用者が未登録", fukushi.TextContent);
        Assert.Contains("fukushi", fukushi.TextContent);
        // Measures by their full position: Ena's numbers restart under each policy.
        Assert.Contains(fukushi.QuerySelectorAll("li a"), a => a.TextContent == "(1)-2 生活困窮者自立支援事業の活用");

        // The link opens the invitation form with the department ticked.
        var (unstaffedId, _) = unstaffed[0];
        var members = await secretariat.GetAsync($"/organisations/212105/members?department={unstaffedId}");
        Assert.Equal([unstaffedId.ToString()], members.QuerySelectorAll("input[name=DepartmentIds]:checked").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public async Task The_invitation_form_is_empty_after_each_invitation()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var shoko = await Factory.QueryAsync(db => db.Departments.Where(d => d.Name == "商工課").Select(d => d.Id).SingleAsync());
        var email = $"shoko-{Guid.NewGuid():N}@ena.example.jp";
        var response = await secretariat.PostAsync("/organisations/212105/members",
            [F("DisplayName", "商工 花子"), F("Email", email), F("Role", "DepartmentEditor"), F("DepartmentIds", shoko.ToString())]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/organisations/212105/members", response.Headers.Location!.OriginalString);

        var page = await secretariat.GetAsync("/organisations/212105/members");
        Assert.Contains("招待リンクを表示します", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("/account/accept", page.QuerySelector("#invitation-link")!.GetAttribute("value"));
        Assert.Contains(page.QuerySelectorAll("table.members tbody tr"), r => r.TextContent.Contains(email));
        Assert.Equal("", page.QuerySelector("input[name=DisplayName]")!.GetAttribute("value") ?? "");
        Assert.Equal("", page.QuerySelector("input[name=Email]")!.GetAttribute("value") ?? "");
        Assert.Empty(page.QuerySelectorAll("input[name=DepartmentIds]:checked"));

        // The message and the link are shown once: reloading the page does not show them again.
        var reloaded = await secretariat.GetAsync("/organisations/212105/members");
        Assert.Null(reloaded.QuerySelector("[role=status]"));
        Assert.Null(reloaded.QuerySelector("#invitation-link"));
    }
}

public sealed class SqliteReminderTests(SqliteCycle fixture) : ReminderTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresReminderTests(PostgresCycle fixture) : ReminderTests(fixture), IClassFixture<PostgresCycle>;
