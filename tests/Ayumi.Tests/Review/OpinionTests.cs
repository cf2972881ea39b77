using System.Net;
using System.Text.Json.Nodes;
using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Trust;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Review;

/// <summary>
/// The council's opinions over HTTP (issue 17, item 8): a named evaluation body with a member tied to the reviewer, whose comments
/// carry the body's name; the secretariat publishes one comment in its own wording with the city's answer and leaves another
/// unchosen; publishing the year makes the opinion public on its page, the progress sheet (page, CSV, workbook), open data and the
/// API, withdrawing the publication hides it again, and the unchosen comment is never public.
/// </summary>
public abstract class OpinionTests(CycleFixture fixture)
{
    private const string Body = "恵那市再犯防止推進会議";
    private const string Chosen = "協力雇用主への支援の周知をさらに進めるべきである。";
    private const string Summary = "協力雇用主への支援の周知を一層進めること。";
    private const string Answer = "商工会議所と連携し、周知の機会を増やします。";
    private const string Unchosen = "委員会の内部だけで話したい意見。";
    private static readonly FiscalYear Year = FiscalYear.Parse("FY2025");

    private AyumiFactory Factory => fixture.Factory;

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Fact]
    public async Task A_chosen_comment_is_published_in_its_summary_with_the_answer_only_while_the_year_is_published_and_an_unchosen_one_never()
    {
        var planId = await Factory.PlanIdAsync("212105");
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var reviewer = await Factory.SignedInAsync(CycleFixture.Reviewer);
        var anonymous = Factory.NewUser();

        // The body, with the reviewer as its member.
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{planId}/bodies?handler=Add", [F("name", Body), F("kind", "External"), F("description", "学識経験者等による外部評価")])).StatusCode);
        var reviewerId = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == CycleFixture.Reviewer).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{planId}/bodies?handler=AddMember",
            [F("body", Body), F("memberName", "山田 花子"), F("role", "保護司会 会長"), F("userId", reviewerId)])).StatusCode);
        var bodies = await secretariat.GetAsync($"/plans/{planId}/bodies");
        Assert.Contains("保護司会 会長", bodies.QuerySelector("table.body-members")!.TextContent);
        var duplicate = await secretariat.PostAndReadAsync($"/plans/{planId}/bodies?handler=Add", [F("name", Body), F("kind", "Internal")]);
        Assert.Contains(Body, duplicate.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains(await Factory.QueryAsync(db => db.AuditEntries.Where(a => a.PlanId == planId && a.EntityType == nameof(Plan)).Select(a => a.Changes).ToListAsync()),
            c => c.Contains("山田 花子"));

        // The year is locked; the reviewer comments as a member of the body, and so does the secretariat's answer, without a body.
        await CycleSetup.OpenAsync(Factory, planId, Year);
        await CycleSetup.ApproveAllAndLockAsync(Factory, planId, Year, "実施した。");
        var measureId = await Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == planId && m.Title == "協力雇用主の支援・拡大及び求人情報の提供").Select(m => m.Id).SingleAsync());
        var review = $"/plans/{planId}/review/{Year}";
        foreach (var text in new[] { Chosen, Unchosen })
            Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostAsync($"{review}?handler=Comment", [F("measureId", measureId.ToString()), F("text", text)])).StatusCode);
        var comments = await Factory.QueryAsync(db => db.ReviewComments.AsNoTracking().Where(c => c.MeasureId == measureId).OrderBy(c => c.Id).ToListAsync());
        Assert.All(comments, c => Assert.Equal(Body, c.BodyName));
        Assert.Contains($"（{Body}）", (await reviewer.GetAsync(review)).QuerySelector(".comment")!.TextContent);

        // The secretariat publishes the first in its own words, with the answer.
        var opinions = $"/plans/{planId}/cycle/{Year}/opinions";
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"{opinions}?handler=Choose",
            [F("commentId", comments[0].Id.ToString()), F("opinion", Summary), F("answer", Answer)])).StatusCode);
        var stored = await Factory.QueryAsync(db => db.PublishedOpinions.AsNoTracking().SingleAsync());
        Assert.Equal((Body, measureId, Summary, Answer), (stored.BodyName, stored.MeasureId, stored.Opinion, stored.Answer));
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PublishedOpinion) && a.PlanId == planId && a.MeasureId == null)));

        // Before publication, the public has no page of the year's opinions; the sheet is not theirs either.
        var publicPage = $"/plans/{planId}/opinions/{Year}";
        Accounts.AssertChallenged(await anonymous.Client.GetAsync(publicPage));
        Assert.Contains(Summary, (await secretariat.GetAsync(publicPage)).QuerySelector("main")!.TextContent);
        await AssertPublicAsync(anonymous, planId, published: false);

        var confirmation = await secretariat.GetAsync($"/plans/{planId}/cycle/{Year}/publish");
        Assert.Contains("1件（年度を公表すると公開されます）", confirmation.QuerySelector(".year-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{planId}/cycle/{Year}/publish", [])).StatusCode);
        await AssertPublicAsync(anonymous, planId, published: true);
        Assert.Contains("/api/v1/plans/{planId}/opinions", (await LeakCrawler.FetchAsync(anonymous, "/openapi/v1.json")).Text);
        var page = (await anonymous.GetAsync(publicPage)).QuerySelector("main")!.TextContent;
        Assert.Contains("主な意見と市の考え方", page);
        Assert.Contains("市の考え方", (await anonymous.GetAsync(publicPage)).QuerySelector("table.opinions-table thead")!.TextContent);

        // Withdrawn, the year and its opinions leave the public again; once locked, the opinion can be reworded.
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{planId}/cycle/{Year}/unpublish", [F("Reason", "集計の誤り")])).StatusCode);
        await AssertPublicAsync(anonymous, planId, published: false);
        Accounts.AssertChallenged(await anonymous.Client.GetAsync(publicPage));
    }

    /// <summary>What the public reads of the year in every format: the summary and the answer once published, never a comment's own words.</summary>
    private async Task AssertPublicAsync(WebUser anonymous, int planId, bool published)
    {
        var urls = new[]
        {
            $"/plans/{planId}/report/{Year}", $"/plans/{planId}/report/{Year}?handler=csv", $"/plans/{planId}/report/{Year}?handler=xlsx",
            $"/plans/{planId}/opendata?handler=json", $"/plans/{planId}/opendata?handler=opinionsCsv", $"/api/v1/plans/{planId}/opinions",
            $"/api/v1/plans/{planId}/opinions?fiscalYear=R7", $"/plans/{planId}/opinions/{Year}",
        };
        foreach (var url in urls)
        {
            var fetched = await LeakCrawler.FetchAsync(anonymous, url);
            Assert.DoesNotContain(Unchosen, fetched.Text);
            Assert.DoesNotContain(Chosen, fetched.Text);
            if (published)
            {
                Assert.True(fetched.Status == 200, $"GET {url}: {fetched.Status}");
                Assert.True(fetched.Text.Contains(Summary) && fetched.Text.Contains(Answer), $"GET {url} ({fetched.Kind}) should carry the opinion and the answer");
            }
            else Assert.DoesNotContain(Summary, fetched.Text);
        }
        if (published)
        {
            var api = JsonNode.Parse((await LeakCrawler.FetchAsync(anonymous, $"/api/v1/plans/{planId}/opinions")).Text)!.AsArray();
            var opinion = Assert.Single(api)!;
            Assert.Equal((2025, 1, Body, Summary, Answer), ((int)opinion["fiscalYear"]!, (int)opinion["number"]!, (string)opinion["body"]!, (string)opinion["opinion"]!, (string)opinion["answer"]!));
            Assert.Equal("協力雇用主の支援・拡大及び求人情報の提供", (string)opinion["measureTitle"]!);
            var openData = JsonNode.Parse((await LeakCrawler.FetchAsync(anonymous, $"/plans/{planId}/opendata?handler=json")).Text)!;
            Assert.Equal(Answer, (string)openData["opinions"]![0]!["answer"]!);
        }
    }

    [Fact]
    public async Task Opinions_are_chosen_only_while_the_year_is_locked_and_several_comments_can_be_summarised_in_one()
    {
        var planId = await Factory.PlanIdAsync("212105");
        var year = FiscalYear.Parse("FY2026");
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var reviewer = await Factory.SignedInAsync(CycleFixture.Reviewer);
        await CycleSetup.OpenAsync(Factory, planId, year);
        await CycleSetup.ApproveAllAndLockAsync(Factory, planId, year, "実施した。");
        var measures = await Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == planId).OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync());
        foreach (var measure in measures)
            await reviewer.PostAsync($"/plans/{planId}/review/{year}?handler=Comment", [F("measureId", measure.ToString()), F("text", $"取組{measure}への意見")]);
        var ids = await Factory.QueryAsync(db => db.ReviewComments.Where(c => measures.Contains(c.MeasureId!.Value) && c.ReportingYearId == db.ReportingYears.Single(r => r.PlanId == planId && r.FiscalYear == year).Id)
            .Select(c => c.Id).ToListAsync());
        var opinions = $"/plans/{planId}/cycle/{year}/opinions";
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"{opinions}?handler=Summarise",
            [.. ids.Select(id => F("commentIds", id.ToString())), F("opinion", "就労支援の周知を進めること。"), F("answer", "関係機関と連携します。")])).StatusCode);
        var summary = await Factory.QueryAsync(db => db.PublishedOpinions.AsNoTracking().Where(o => o.Opinion == "就労支援の周知を進めること。").SingleAsync());
        Assert.Null(summary.MeasureId);
        Assert.Equal(ids.Order(), summary.CommentIds);
        var page = await secretariat.GetAsync(opinions);
        Assert.Equal(2, page.QuerySelectorAll(".comment .badge").Length);

        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{planId}/cycle/{year}/publish", [])).StatusCode);
        var refused = await secretariat.PostAndReadAsync($"{opinions}?handler=Reword", [F("opinionId", summary.Id.ToString()), F("opinion", "書き換え"), F("answer", "")]);
        Assert.Contains("確定", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("就労支援の周知を進めること。", await Factory.QueryAsync(db => db.PublishedOpinions.Where(o => o.Id == summary.Id).Select(o => o.Opinion).SingleAsync()));
    }
}

public sealed class SqliteOpinionTests(SqliteCycle fixture) : OpinionTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresOpinionTests(PostgresCycle fixture) : OpinionTests(fixture), IClassFixture<PostgresCycle>;
