using System.Net;
using AngleSharp;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Cycle;

/// <summary>Sign-in, lockout, invitations, concurrent edits and escaping of what users type.</summary>
public sealed class AccountTests(AccountTests.Fixture fixture) : IClassFixture<AccountTests.Fixture>
{
    public sealed class Fixture : CycleFixture
    {
        public const string SecondSoumu = "soumu2@ena.example.jp";
        public int EnaPlan { get; private set; }

        protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Factory.CreateAsync(SecondSoumu, "212105", MemberRole.DepartmentEditor, "総務課");
            EnaPlan = await Factory.PlanIdAsync("212105");
            await CycleSetup.OpenAsync(Factory, EnaPlan, FiscalYear.Parse("FY2025"));
        }
    }

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Fact]
    public async Task A_wrong_password_is_refused_and_failures_never_lock_the_holder_out()
    {
        await fixture.Factory.CreateAsync("lock@ena.example.jp", "212105", MemberRole.Reviewer);
        var user = fixture.Factory.NewUser();
        for (var i = 0; i < 8; i++)
        {
            var page = await user.PostAndReadAsync("/account/login", [F("Email", "lock@ena.example.jp"), F("Password", "wrong-password-123")]);
            Assert.Contains("パスワードが違います", page.QuerySelector("[role=alert]")!.TextContent);
        }
        var holder = await user.PostAsync("/account/login", [F("Email", "lock@ena.example.jp"), F("Password", Accounts.Password)]);
        Assert.Equal("/my", holder.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_returns_only_to_local_pages()
    {
        var user = fixture.Factory.NewUser();
        var response = await user.PostAsync("/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            [F("Email", CycleFixture.Reviewer), F("Password", Accounts.Password), F("ReturnUrl", "https://evil.example/")]);
        Assert.Equal("/my", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_secretariat_invites_a_department_editor_who_sets_a_password_and_sees_their_entries()
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var kenchiku = await fixture.Factory.QueryAsync(db => db.Departments.Where(d => d.Name == "建築住宅課").Select(d => d.Id).SingleAsync());
        var invited = await secretariat.PostAndReadAsync("/organisations/212105/members",
            [F("DisplayName", "建築 太郎"), F("Email", "kenchiku@ena.example.jp"), F("Role", "DepartmentEditor"), F("DepartmentIds", kenchiku.ToString())]);
        Assert.Contains("招待リンクを表示します", invited.QuerySelector("[role=status]")!.TextContent);
        var link = new Uri(invited.QuerySelector("#invitation-link")!.GetAttribute("value")!);
        Assert.Contains(invited.QuerySelectorAll("table.members tbody tr"), r => r.TextContent.Contains("建築 太郎") && r.TextContent.Contains("建築住宅課"));

        var newcomer = fixture.Factory.NewUser();
        var weak = await newcomer.PostAndReadAsync(link.PathAndQuery, [F("UserId", Query(link, "userId")), F("Token", Query(link, "token")), F("Password", "short"), F("Confirm", "short")], formPage: link.PathAndQuery);
        Assert.Contains("条件を満たしていません", weak.QuerySelector("[role=alert]")!.TextContent);
        var accepted = await newcomer.PostAsync(link.PathAndQuery,
            [F("UserId", Query(link, "userId")), F("Token", Query(link, "token")), F("Password", "kenchiku-password-2025"), F("Confirm", "kenchiku-password-2025")], formPage: link.PathAndQuery);
        Assert.Equal("/my", accepted.Headers.Location!.OriginalString);
        var todo = await newcomer.GetAsync("/my");
        var rows = todo.QuerySelectorAll("table.my-entries tbody tr");
        Assert.Single(rows);
        Assert.Contains("市営住宅の受け入れ", rows[0].TextContent);

        var reused = await fixture.Factory.NewUser().PostAndReadAsync(link.PathAndQuery,
            [F("UserId", Query(link, "userId")), F("Token", Query(link, "token")), F("Password", "another-password-99"), F("Confirm", "another-password-99")], formPage: link.PathAndQuery);
        Assert.Contains("無効", reused.QuerySelector("[role=alert]")!.TextContent);
    }

    private static string Query(Uri uri, string name) =>
        Uri.UnescapeDataString(uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1]);

    [Fact]
    public async Task The_second_of_two_simultaneous_saves_is_refused_with_both_versions_shown_and_nothing_lost()
    {
        var partId = await CycleSetup.PartIdAsync(fixture.Factory, fixture.EnaPlan, "総務課", "「社会を明るくする運動」の広報・周知");
        var first = await fixture.Factory.SignedInAsync(CycleFixture.Soumu);
        var second = await fixture.Factory.SignedInAsync(Fixture.SecondSoumu);
        var version = (await first.GetAsync($"/entries/{partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        Assert.Equal(version, (await second.GetAsync($"/entries/{partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value"));

        var saved = await first.PostAsync($"/entries/{partId}?handler=Save", [F("Input.Version", version), F("Input.Results", "一人目の内容"), F("Input.Grade", "A")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var conflict = await second.PostAndReadAsync($"/entries/{partId}?handler=Save", [F("Input.Version", version), F("Input.Results", "二人目の内容"), F("Input.Grade", "B")]);

        Assert.Contains("他の人がこの内容を保存しました", conflict.QuerySelector("[role=alert]")!.TextContent);
        var results = conflict.QuerySelectorAll("table.conflict tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "実施内容");
        Assert.Equal("一人目の内容", results.QuerySelectorAll("td")[0].TextContent);
        Assert.Equal("二人目の内容", results.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("二人目の内容", conflict.QuerySelector("textarea[name='Input.Results']")!.TextContent);
        var stored = await fixture.Factory.QueryAsync(db => db.EntryParts.Where(p => p.Id == partId).Select(p => p.Results).SingleAsync());
        Assert.Equal("一人目の内容", stored);

        // Saving again from the conflict page is a deliberate overwrite, and goes through.
        var newVersion = conflict.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        var again = await second.PostAsync($"/entries/{partId}?handler=Save", [F("Input.Version", newVersion), F("Input.Results", "二人目の内容"), F("Input.Grade", "B")]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task After_a_submission_refused_for_a_missing_grade_the_form_submits_without_a_false_conflict()
    {
        var partId = await CycleSetup.PartIdAsync(fixture.Factory, fixture.EnaPlan, "総務課", "情報交換会の実施");
        var soumu = await fixture.Factory.SignedInAsync(CycleFixture.Soumu);
        var version = (await soumu.GetAsync($"/entries/{partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        var refused = await soumu.PostAndReadAsync($"/entries/{partId}?handler=Submit", [F("Input.Version", version), F("Input.Results", "開催した。")]);
        Assert.Contains("評価と実施内容の入力が必要", refused.QuerySelector("[role=alert]")!.TextContent);
        var carried = refused.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        Assert.NotEqual(version, carried);
        var submitted = await soumu.PostAsync($"/entries/{partId}?handler=Submit", [F("Input.Version", carried), F("Input.Results", "開催した。"), F("Input.Grade", "A")]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }

    [Fact]
    public async Task Script_typed_into_any_field_is_shown_as_text_everywhere()
    {
        const string attack = "<script>alert(1)</script>";
        var partId = await CycleSetup.PartIdAsync(fixture.Factory, fixture.EnaPlan, "総務課", "更生保護活動に関する情報の周知");
        var soumu = await fixture.Factory.SignedInAsync(CycleFixture.Soumu);
        var version = (await soumu.GetAsync($"/entries/{partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        await soumu.PostAsync($"/entries/{partId}?handler=Submit", [F("Input.Version", version), F("Input.Results", attack), F("Input.Grade", "A"),
            F("Input.PlannedWork", attack), F("Input.IssuesAndDirection", attack), F("Input.NextYearPlan", attack)]);
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        await secretariat.PostAsync($"/plans/{fixture.EnaPlan}/cycle/FY2025?handler=Return", [F("partId", partId.ToString()), F("comment", attack)]);
        var measureId = await fixture.Factory.QueryAsync(db => db.EntryParts.Where(p => p.Id == partId).Select(p => p.YearlyEntry.MeasureId).SingleAsync());

        foreach (var (user, url) in new[] { (soumu, $"/entries/{partId}"), (secretariat, $"/plans/{fixture.EnaPlan}/cycle/FY2025"), (secretariat, $"/measures/{measureId}/history"), (soumu, "/my") })
        {
            var raw = await user.Client.GetStringAsync(url);
            Assert.DoesNotContain(attack, raw);
            var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(raw));
            Assert.Empty(page.QuerySelectorAll("main script"));
            if (url != "/my") Assert.Contains(attack, page.QuerySelector("main")!.TextContent);
        }
    }
}
