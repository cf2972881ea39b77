using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Plans;

/// <summary>Miyagi with its secretariat: comparing its two plans, recording lineage, drafting and publishing the next plan.</summary>
public abstract class PlanRevisionFixture : AyumiFixture
{
    public const string Secretariat = "jimukyoku@miyagi.example.jp";
    public WebUser Anonymous { get; private set; } = null!;
    public WebUser Miyagi { get; private set; } = null!;
    public int FirstPlan { get; private set; }
    public int SecondPlan { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.CreateAsync(Secretariat, "040002", MemberRole.Secretariat);
        Anonymous = Factory.NewUser();
        Miyagi = await Factory.SignedInAsync(Secretariat);
        FirstPlan = await Factory.PlanIdAsync("040002", 1);
        SecondPlan = await Factory.PlanIdAsync("040002", 2);
    }

    public Task<int> MeasureIdAsync(int planId, string key) =>
        Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == planId && m.Key == key).Select(m => m.Id).SingleAsync());
}

public sealed class SqlitePlanRevision : PlanRevisionFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresPlanRevision : PlanRevisionFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}

public abstract class PlanRevisionTests(PlanRevisionFixture fixture)
{
    private static IReadOnlyList<string> Keys(IDocument page, string change, string side) =>
        page.QuerySelectorAll($"table.compare-measures tr.compare-{change}").Select(r => r.GetAttribute($"data-{side}")!).ToList();

    [Fact]
    public async Task The_comparison_of_the_two_Miyagi_plans_lists_exactly_the_new_and_ended_measures()
    {
        var page = await fixture.Anonymous.GetAsync($"/plans/{fixture.SecondPlan}/compare");
        Assert.Equal(["15", "16", "17", "24"], Keys(page, "new", "later").Order());
        Assert.Equal(["13", "3", "6"], Keys(page, "ended", "earlier").Order());
        var eight = page.QuerySelector("table.compare-measures tr.compare-reorganised[data-earlier='8']")!;
        Assert.Equal("8", eight.GetAttribute("data-later"));
        Assert.Contains("後継事業・組替 (令和7年度～)", eight.TextContent);
        Assert.NotNull(eight.QuerySelector("ins")); // the new name is marked where it differs
        var renumbered = page.QuerySelectorAll("table.compare-policies tr.compare-renumbered").Select(r => r.TextContent).ToList();
        Assert.Contains(renumbered, r => r.Contains("1 就労の確保に関する支援") && r.Contains("2 就労の確保に関する支援"));
        var merged = page.QuerySelector("table.compare-policies tr.compare-merged")!.TextContent;
        Assert.Contains("4 薬物依存を有する者への支援", merged);
        Assert.Contains("4 福祉、医療及び薬物依存等からの回復に関する支援", merged);
        Assert.Empty(page.QuerySelectorAll("table.compare-policies tr.compare-dropped"));
        var coastal = page.QuerySelector("table.compare-measures tr.compare-ended[data-earlier='3']")!;
        Assert.Contains("事業終期のため、R3以降廃止", coastal.TextContent);
    }

    [Fact]
    public async Task The_comparison_downloads_as_a_valid_workbook_and_a_csv_with_budgets_side_by_side()
    {
        var csvResponse = await fixture.Anonymous.Client.GetAsync($"/plans/{fixture.SecondPlan}/compare?handler=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("区分,第1次 番号,第1次 事業名", lines[0]);
        Assert.Equal(4, lines.Count(l => l.StartsWith("新規,")));
        Assert.Equal(3, lines.Count(l => l.StartsWith("終了・廃止,")));
        Assert.Contains(lines, l => l.StartsWith("継続,14,住宅セーフティネット構築推進事業,") && l.Contains(",9700000,"));

        var xlsx = await fixture.Anonymous.Client.GetAsync($"/plans/{fixture.SecondPlan}/compare?handler=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal("計画の比較", document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single().Name!.Value);
    }

    [Fact]
    public async Task A_measures_page_shows_its_lineage_and_its_history_across_plans()
    {
        var page = await fixture.Anonymous.GetAsync($"/measures/{await fixture.MeasureIdAsync(fixture.SecondPlan, "8")}");
        var lineage = page.QuerySelector("table.lineage")!.TextContent;
        Assert.Contains("沿岸地域就職サポートセンター事業", lineage);
        Assert.Contains("女性・高齢者等新規就業支援事業", lineage);
        Assert.Contains("みやぎ人財活躍応援センター運営事業", lineage);
        var history = page.QuerySelectorAll("table.measure-history tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(history, r => r.Contains("令和5年度") && r.Contains("第1次") && r.Contains("143,082千円"));
        Assert.NotNull(page.QuerySelector("svg#chart-measure-budget, svg[aria-labelledby='chart-measure-budget-title']"));
    }

    [Fact]
    public async Task Lineage_links_to_itself_in_a_cycle_or_outside_both_periods_are_refused_with_a_message()
    {
        var first = await fixture.MeasureIdAsync(fixture.FirstPlan, "1");
        var second = await fixture.MeasureIdAsync(fixture.SecondPlan, "1");
        var before = await LinkCount();
        async Task<string> Refusal(int from, int to, string year)
        {
            var page = await fixture.Miyagi.PostAndReadAsync($"/measures/{from}/lineage",
                [new("ToId", to.ToString()), new("Kind", "Continued"), new("EffectiveIn", year), new("Note", "")]);
            return page.QuerySelector(".notice--error")!.TextContent.Trim();
        }
        Assert.Equal("引き継ぎ先の事業を選んでください", await Refusal(first, first, "R7"));
        Assert.Contains("循環", await Refusal(second, first, "R7"));
        Assert.Contains("どちらの計画期間（令和2年度～令和6年度、令和7年度～令和11年度）にも含まれません", await Refusal(first, await fixture.MeasureIdAsync(fixture.SecondPlan, "2"), "R13"));
        Assert.Contains("は年度として読めません", await Refusal(first, await fixture.MeasureIdAsync(fixture.SecondPlan, "2"), "来年"));
        Assert.Equal(before, await LinkCount());
    }

    [Fact]
    public async Task A_merged_and_a_split_measure_keep_the_history_of_their_origins()
    {
        // Merged: the 1st plan's measure 4 is merged into the 2nd plan's 5, which already continues the 1st plan's 5.
        var four = await fixture.MeasureIdAsync(fixture.FirstPlan, "4");
        var merged = await fixture.MeasureIdAsync(fixture.SecondPlan, "5");
        var saved = await fixture.Miyagi.PostAsync($"/measures/{four}/lineage", [new("ToId", merged.ToString()), new("Kind", "Merged"), new("EffectiveIn", "令和7年度"), new("Note", "統合")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var mergedPage = await fixture.Anonymous.GetAsync($"/measures/{merged}");
        var mergedHistory = mergedPage.QuerySelectorAll("table.measure-history tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(mergedHistory, r => r.Contains("若年者就職支援ワンストップセンター設置事業") && r.Contains("58,683千円"));
        Assert.Contains(mergedHistory, r => r.Contains("みやぎの若者の職業的自立支援対策事業") && r.Contains("1,958千円"));
        Assert.Contains("統合", mergedPage.QuerySelector("table.lineage")!.TextContent);
        // Audited on the measure it leads from: the seed's link into the 2nd plan's 4, then the secretariat's merge.
        var audited = await fixture.Factory.QueryAsync(db => db.AuditEntries.Where(a => a.MeasureId == four && a.EntityType == nameof(MeasureLineage))
            .OrderBy(a => a.Id).Select(a => a.UserId == null ? null : a.UserName).ToListAsync());
        Assert.Equal([null, PlanRevisionFixture.Secretariat], audited);

        // Split: the 1st plan's measure 2 also goes into the 2nd plan's 9. Both parts show 2's history; neither shows the other part's own origin.
        var two = await fixture.MeasureIdAsync(fixture.FirstPlan, "2");
        var part = await fixture.MeasureIdAsync(fixture.SecondPlan, "9");
        Assert.Equal(HttpStatusCode.Redirect, (await fixture.Miyagi.PostAsync($"/measures/{two}/lineage", [new("ToId", part.ToString()), new("Kind", "Split"), new("EffectiveIn", "R7")])).StatusCode);
        async Task<List<string>> History(int id) =>
            (await fixture.Anonymous.GetAsync($"/measures/{id}")).QuerySelectorAll("table.measure-history tbody tr").Select(r => r.TextContent).ToList();
        var partHistory = await History(part);
        Assert.Contains(partHistory, r => r.Contains("就労準備支援事業") && r.Contains("43,802千円"));
        Assert.Contains(partHistory, r => r.Contains("子育てと仕事の両立のための多様な働き方支援事業") && r.Contains("第1次"));
        var otherPartHistory = await History(await fixture.MeasureIdAsync(fixture.SecondPlan, "2"));
        Assert.Contains(otherPartHistory, r => r.Contains("就労準備支援事業") && r.Contains("43,802千円"));
        Assert.DoesNotContain(otherPartHistory, r => r.Contains("子育てと仕事の両立"));

        // A link recorded by mistake is removed, and the history with it.
        var linkId = await fixture.Factory.QueryAsync(db => db.MeasureLineages.Where(l => l.FromId == two && l.ToId == part).Select(l => l.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await fixture.Miyagi.PostAsync($"/measures/{part}/lineage?handler=Remove", [new("linkId", linkId.ToString())], $"/measures/{part}/lineage")).StatusCode);
        Assert.DoesNotContain(await History(part), r => r.Contains("就労準備支援事業"));
    }

    [Fact]
    public async Task Drafting_the_next_plan_copies_it_whole_then_publishing_makes_it_current_and_keeps_the_old_plan_readable()
    {
        var publicPage = (await fixture.Anonymous.GetAsync("/organisations/040002")).QuerySelector("main")!.TextContent;
        var form = await fixture.Miyagi.GetAsync($"/plans/{fixture.SecondPlan}/draft");
        Assert.Equal("令和12年度", form.QuerySelector("#PeriodStart")!.GetAttribute("value"));
        var response = await fixture.Miyagi.PostAsync($"/plans/{fixture.SecondPlan}/draft", [new("Name", "第三次宮城県再犯防止推進計画"), new("PeriodStart", "R12"), new("PeriodEnd", "R16")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var draftId = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());

        var (status, nodes, measures, continued, origins) = await fixture.Factory.QueryAsync(async db =>
        {
            var draft = await db.Plans.SingleAsync(p => p.Id == draftId);
            return (draft.Status,
                await db.PlanNodes.CountAsync(n => n.PlanId == draftId && n.Origin!.PlanId == fixture.SecondPlan),
                await db.Measures.CountAsync(m => m.PlanId == draftId),
                await db.MeasureLineages.CountAsync(l => l.To.PlanId == draftId && l.From.PlanId == fixture.SecondPlan && l.Kind == LineageKind.Continued && l.EffectiveIn == new FiscalYear(2030)),
                await db.PlanNodes.CountAsync(n => n.PlanId == fixture.SecondPlan));
        });
        Assert.Equal(PlanStatus.Draft, status);
        Assert.Equal(origins, nodes);
        Assert.Equal(23, measures);
        Assert.Equal(23, continued);
        var secondPlanMeasures = await fixture.Factory.QueryAsync(db => db.Measures.CountAsync(m => m.PlanId == fixture.SecondPlan));

        Assert.Equal(23, secondPlanMeasures);

        // A draft is the secretariat's: not listed, served or counted for the public.
        Accounts.AssertChallenged(await fixture.Anonymous.Client.GetAsync($"/plans/{draftId}"));
        Accounts.AssertChallenged(await fixture.Anonymous.Client.GetAsync($"/plans/{draftId}/indicators"));
        Accounts.AssertChallenged(await fixture.Anonymous.Client.GetAsync($"/plans/{draftId}/report/R12?template={Uri.EscapeDataString(ReportTemplate.Hyogo)}"));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Anonymous.Client.GetAsync($"/api/v1/plans/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Anonymous.Client.GetAsync($"/api/v1/plans/{draftId}/indicators")).StatusCode);
        var listed = JsonNode.Parse(await fixture.Anonymous.Client.GetStringAsync("/api/v1/organisations/040002/plans"))!.AsArray();
        Assert.DoesNotContain(listed, p => (int)p!["id"]! == draftId);
        // Not even in the departments' measure counts.
        Assert.Equal(publicPage, (await fixture.Anonymous.GetAsync("/organisations/040002")).QuerySelector("main")!.TextContent);
        var draftPage = await fixture.Miyagi.GetAsync($"/plans/{draftId}");
        Assert.Equal("案", draftPage.QuerySelector(".plan-status .badge")!.TextContent);

        // The draft is edited freely; the comparison with the plan it came from marks the new wording.
        var copied = await fixture.MeasureIdAsync(draftId, "1");
        var edited = await fixture.Miyagi.PostAsync($"/measures/{copied}/edit", [new("Title", "保護観察少年等に対する職業定着支援"), new("Description", "雇用し、定着を支援する。"), new("Objective", "")]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var refused = await fixture.Miyagi.PostAndReadAsync($"/measures/{copied}/edit", [new("Title", " ")]);
        Assert.Equal("事業名を入力してください。", refused.QuerySelector(".notice--error")!.TextContent.Trim());
        var policy = (await fixture.Miyagi.GetAsync($"/plans/{draftId}/measures/new")).QuerySelectorAll("#ParentId option").First(o => o.TextContent.StartsWith("2 "));
        var added = await fixture.Miyagi.PostAsync($"/plans/{draftId}/measures/new",
            [new("ParentId", policy.GetAttribute("value")!), new("Code", "30"), new("Title", "協力雇用主への新たな支援"), new("Description", "")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var duplicate = await fixture.Miyagi.PostAndReadAsync($"/plans/{draftId}/measures/new",
            [new("ParentId", policy.GetAttribute("value")!), new("Code", "30"), new("Title", "二重"), new("Description", "")]);
        Assert.NotNull(duplicate.QuerySelector(".notice--error"));
        var removed = await fixture.Miyagi.PostAsync($"/measures/{await fixture.MeasureIdAsync(draftId, "2")}/edit?handler=Remove", [], $"/measures/{copied}/edit");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var comparison = await fixture.Miyagi.GetAsync($"/plans/{draftId}/compare");
        var changed = comparison.QuerySelector("table.compare-measures tr.compare-changed[data-later='1']")!;
        Assert.Equal("等", changed.QuerySelector("ins")!.TextContent);
        Assert.Equal(["30"], Keys(comparison, "new", "later"));
        Assert.Equal(["2"], Keys(comparison, "ended", "earlier"));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Miyagi.Client.GetAsync($"/measures/{await fixture.MeasureIdAsync(fixture.SecondPlan, "1")}/edit")).StatusCode);

        var published = await fixture.Miyagi.PostAndReadAsync($"/plans/{draftId}?handler=Publish", [], $"/plans/{draftId}");
        Assert.Equal("現行計画", published.QuerySelector(".plan-status .badge")!.TextContent);
        var organisation = await fixture.Anonymous.GetAsync("/organisations/040002");
        Assert.Contains("第三次宮城県再犯防止推進計画現行計画", organisation.QuerySelector("main table")!.TextContent.Replace(" ", ""));
        var old = await fixture.Anonymous.GetAsync($"/plans/{fixture.FirstPlan}");
        Assert.Contains("第三次宮城県再犯防止推進計画", old.QuerySelector(".notice")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous.Client.GetAsync($"/plans/{fixture.FirstPlan}/report/R5")).StatusCode);
    }

    [Fact]
    public async Task A_copy_that_fails_half_way_leaves_no_half_made_draft()
    {
        // The database refuses the lineage rows, written after the plan, its nodes and measures in the same save.
        var sqlite = fixture.Factory.Database.Provider == DatabaseSettings.Sqlite;
        await Execute(sqlite
            ? "CREATE TRIGGER refuse_lineage BEFORE INSERT ON \"MeasureLineages\" BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;"
            : "CREATE FUNCTION refuse_lineage() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql; "
              + "CREATE TRIGGER refuse_lineage BEFORE INSERT ON \"MeasureLineages\" FOR EACH ROW EXECUTE FUNCTION refuse_lineage();");
        try
        {
            var before = await Counts();
            var response = await fixture.Miyagi.PostAsync($"/plans/{fixture.FirstPlan}/draft", [new("Name", "途中で失敗する案"), new("PeriodStart", "R7"), new("PeriodEnd", "R11")]);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal(before, await Counts());
            Assert.False(await fixture.Factory.QueryAsync(db => db.Plans.AnyAsync(p => p.Name == "途中で失敗する案")));
        }
        finally
        {
            await Execute(sqlite ? "DROP TRIGGER refuse_lineage;" : "DROP TRIGGER refuse_lineage ON \"MeasureLineages\"; DROP FUNCTION refuse_lineage();");
        }
    }

    private Task<int> LinkCount() => fixture.Factory.QueryAsync(db => db.MeasureLineages.CountAsync());

    private Task<string> Counts() => fixture.Factory.QueryAsync(async db =>
        $"{await db.Plans.CountAsync()}:{await db.PlanNodes.CountAsync()}:{await db.Measures.CountAsync()}:{await db.MeasurePlacements.CountAsync()}:"
        + $"{await db.Indicators.CountAsync()}:{await db.MeasureLineages.CountAsync()}:{await db.AuditEntries.CountAsync()}");

    private Task<int> Execute(string sql) => fixture.Factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql));
}

public sealed class SqlitePlanRevisionTests(SqlitePlanRevision fixture) : PlanRevisionTests(fixture), IClassFixture<SqlitePlanRevision>;

public sealed class PostgresPlanRevisionTests(PostgresPlanRevision fixture) : PlanRevisionTests(fixture), IClassFixture<PostgresPlanRevision>;
