using System.Net;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.PriorityIssues;

/// <summary>Ena's secretariat, one of its department editors, and Miyagi's secretariat, over the demo data.</summary>
public abstract class TaggingFixture : AyumiFixture
{
    public const string Secretariat = "jimukyoku@ena.example.jp", Editor = "shoko@ena.example.jp", OtherSecretariat = "jimukyoku@miyagi.example.jp";
    public WebUser Ena { get; private set; } = null!;
    public int Plan { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.CreateAsync(Secretariat, "212105", MemberRole.Secretariat);
        await Factory.CreateAsync(Editor, "212105", MemberRole.DepartmentEditor, "商工課");
        await Factory.CreateAsync(OtherSecretariat, "040002", MemberRole.Secretariat);
        Ena = await Factory.SignedInAsync(Secretariat);
        Plan = await Factory.PlanIdAsync("212105");
    }

    public Task<int> MeasureIdAsync(string key) => Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == Plan && m.Key == key).Select(m => m.Id).SingleAsync());

    public Task<(List<(int Issue, string? Area)> Tags, string? By)> TagsAsync(int measureId) => Factory.QueryAsync(async db =>
    {
        var measure = await db.Measures.Include(m => m.Tags).SingleAsync(m => m.Id == measureId);
        return (measure.Tags.OrderBy(t => t.Issue).ThenBy(t => t.Area).Select(t => (t.Issue, t.Area)).ToList(), measure.TagsConfirmedBy);
    });
}

public sealed class SqliteTagging : TaggingFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresTagging : TaggingFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}

public abstract class TaggingWebTests(TaggingFixture fixture)
{
    private string TagsUrl => $"/plans/{fixture.Plan}/tags";

    private Task<HttpResponseMessage> ConfirmAsync(WebUser user, int measureId, params string[] tags) =>
        user.PostAsync($"{TagsUrl}?handler=Confirm&measureId={measureId}", tags.Select(t => new KeyValuePair<string, string>("tags", t)), user == fixture.Ena ? TagsUrl : "/");

    [Fact]
    public async Task The_secretariat_confirms_the_suggested_issues_and_they_are_stored_as_confirmed_by_them_with_an_audit_trail()
    {
        var measure = await fixture.MeasureIdAsync("(1)-1");
        var page = await fixture.Ena.GetAsync(TagsUrl);
        var section = page.QuerySelector($"#measure-{measure}")!;
        Assert.Contains("1 就労・住居の確保等", section.TextContent);
        // The form starts from the suggestion: issue 1 and its sub-area 1-1 are checked.
        Assert.Equal(["issue:1", "area:1-1"], section.QuerySelectorAll("input[name='tags'][checked]").Select(i => i.GetAttribute("value")!));

        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(fixture.Ena, measure, "issue:1", "area:1-1")).StatusCode);
        var (tags, by) = await fixture.TagsAsync(measure);
        Assert.Equal([(1, "1-1")], tags);
        var audited = await fixture.Factory.QueryAsync(db => db.AuditEntries.Where(a => a.MeasureId == measure && (a.EntityType == nameof(MeasureTag) || a.EntityType == nameof(Measure)))
            .Select(a => new ValueTuple<string, AuditAction, string>(a.EntityType, a.Action, a.UserName)).ToListAsync());
        // The measure names the person as the screens do; the audit trail by their account.
        Assert.Equal("jimukyoku", by);
        Assert.Contains((nameof(MeasureTag), AuditAction.Added, TaggingFixture.Secretariat), audited);
        Assert.Contains((nameof(Measure), AuditAction.Modified, TaggingFixture.Secretariat), audited);

        var history = await fixture.Ena.GetAsync($"/measures/{measure}/history");
        Assert.Contains(history.QuerySelectorAll(".history-entry__title"), h => h.TextContent.Contains("重点課題を記録"));
        var measurePage = await fixture.Ena.GetAsync($"/measures/{measure}");
        Assert.Contains("1 就労・住居の確保等（1-1 就労の確保等）", measurePage.QuerySelector(".issue-tags")!.TextContent);
        var tree = await fixture.Factory.NewUser().GetAsync($"/plans/{fixture.Plan}");
        Assert.Contains("重点課題1", tree.QuerySelector($"a[href='/measures/{measure}']")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task A_correction_is_kept_and_recording_the_suggestions_afterwards_leaves_it_as_the_person_set_it()
    {
        var corrected = await fixture.MeasureIdAsync("(1)-4");
        var untouched = await fixture.MeasureIdAsync("(2)-1");
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(fixture.Ena, corrected, "issue:2", "issue:6")).StatusCode);
        var (before, by) = await fixture.TagsAsync(corrected);
        Assert.Equal([(2, null), (6, null)], before);

        var page = await fixture.Ena.PostAndReadAsync($"{TagsUrl}?handler=Record", [], TagsUrl);
        Assert.Contains("件の事業に候補を記録しました", page.QuerySelector(".notice--success")!.TextContent);
        var after = await fixture.TagsAsync(corrected);
        Assert.Equal(before, after.Tags);
        Assert.Equal(by, after.By);
        var (suggested, nobody) = await fixture.TagsAsync(untouched);
        Assert.Equal([(2, "2-1")], suggested);
        Assert.Null(nobody);

        // None of the issues is an answer too.
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(fixture.Ena, untouched)).StatusCode);
        var none = await fixture.TagsAsync(untouched);
        Assert.Empty(none.Tags);
        Assert.Equal(by, none.By);
    }

    [Fact]
    public async Task Only_the_organisations_secretariat_tags_its_measures()
    {
        var measure = await fixture.MeasureIdAsync("(3)-3");
        var before = await fixture.TagsAsync(measure);
        var editor = await fixture.Factory.SignedInAsync(TaggingFixture.Editor);
        var other = await fixture.Factory.SignedInAsync(TaggingFixture.OtherSecretariat);
        var anonymous = fixture.Factory.NewUser();
        Accounts.AssertAnswer(await editor.Client.GetAsync(TagsUrl), Expect.Denied);
        Accounts.AssertAnswer(await other.Client.GetAsync(TagsUrl), Expect.Denied);
        Accounts.AssertAnswer(await anonymous.Client.GetAsync(TagsUrl), Expect.SignIn);
        Accounts.AssertAnswer(await ConfirmAsync(editor, measure, "issue:6"), Expect.Denied);
        Accounts.AssertAnswer(await ConfirmAsync(other, measure, "issue:6"), Expect.Denied);
        Accounts.AssertAnswer(await other.PostAsync($"{TagsUrl}?handler=Record", [], "/"), Expect.Denied);
        // Miyagi's secretariat cannot reach an Ena measure through its own plan either.
        var miyagiPlan = await fixture.Factory.PlanIdAsync("040002", 2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/plans/{miyagiPlan}/tags?handler=Confirm&measureId={measure}", [new("tags", "issue:6")], $"/plans/{miyagiPlan}/tags")).StatusCode);
        var after = await fixture.TagsAsync(measure);
        Assert.Equal(before.Tags, after.Tags);
        Assert.Equal(before.By, after.By);
        Assert.NotNull((await fixture.Ena.GetAsync($"/measures/{measure}")).QuerySelector($"a[href='{TagsUrl}#measure-{measure}']"));
        Assert.Null((await editor.GetAsync($"/measures/{measure}")).QuerySelector($"a[href='{TagsUrl}#measure-{measure}']"));
    }

    [Fact]
    public async Task A_checkbox_naming_no_issue_or_sub_area_is_refused_and_nothing_is_stored()
    {
        var measure = await fixture.MeasureIdAsync("(4)-2");
        var before = await fixture.TagsAsync(measure);
        Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmAsync(fixture.Ena, measure, "issue:8")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmAsync(fixture.Ena, measure, "area:9-9")).StatusCode);
        var after = await fixture.TagsAsync(measure);
        Assert.Equal(before.Tags, after.Tags);
        Assert.Equal(before.By, after.By);
    }
}

public sealed class SqliteTaggingWebTests(SqliteTagging fixture) : TaggingWebTests(fixture), IClassFixture<SqliteTagging>;

public sealed class PostgresTaggingWebTests(PostgresTagging fixture) : TaggingWebTests(fixture), IClassFixture<PostgresTagging>;
