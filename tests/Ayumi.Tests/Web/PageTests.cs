using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using Ayumi.Data;
using Ayumi.Features.PlanFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Web;

/// <summary>The server-rendered pages, run against SQLite and PostgreSQL.</summary>
public abstract class PageTests(AyumiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<IDocument> Page(string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }

    private async Task<int> PlanId(string code, int generation = 1)
    {
        await using var scope = fixture.Factory.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plans = await db.Plans.Include(p => p.Organisation).ToListAsync();
        return plans.Single(p => p.Organisation.Code.Value == code && p.Generation == generation).Id;
    }

    private async Task<int> MeasureId(string organisationCode, string key)
    {
        var planId = await PlanId(organisationCode);
        await using var scope = fixture.Factory.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        return await db.Measures.Where(m => m.PlanId == planId && m.Key == key).Select(m => m.Id).SingleAsync();
    }

    [Fact]
    public async Task The_home_page_lists_the_five_organisations_and_their_plans_in_japanese()
    {
        var page = await Page("/");
        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("団体と計画", page.QuerySelector("h1")!.TextContent);
        var names = page.QuerySelectorAll("tbody th a").Select(a => a.TextContent).ToList();
        Assert.Equal(["宮城県", "秋田市", "狛江市", "恵那市", "兵庫県"], names);
        Assert.Contains("第二次宮城県再犯防止推進計画", page.QuerySelector("tbody")!.TextContent);
        Assert.NotNull(page.QuerySelector("a.skip-link[href='#main']"));
    }

    [Fact]
    public async Task The_plan_page_shows_the_tree_with_departments_and_the_grade_tally()
    {
        var page = await Page($"/plans/{await PlanId("212105")}");
        Assert.Equal("恵那市再犯防止推進計画", page.QuerySelector("h1")!.TextContent);
        var tally = page.QuerySelector("table.tally")!;
        Assert.Contains("令和6年度", tally.QuerySelector("caption")!.TextContent);
        var counts = tally.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        Assert.Equal("9", counts["A(予定通り進行)"]);
        Assert.Equal("3", counts["D(その他)"]);
        Assert.Equal("12", counts["合計"]);
        Assert.Equal(12, page.QuerySelectorAll("table.measures tbody tr").Length);
        Assert.Contains("総務課、社会福祉課", page.QuerySelectorAll("table.measures td").Select(td => td.TextContent));
        Assert.Empty(page.QuerySelectorAll("table.indicators"));
        var crumbs = page.QuerySelectorAll("nav.breadcrumbs li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["ホーム", "恵那市", "恵那市再犯防止推進計画"], crumbs);
    }

    [Fact]
    public async Task The_plan_page_lists_the_indicators_with_baseline_and_target()
    {
        var page = await Page($"/plans/{await PlanId("280003", 5)}");
        var rows = page.QuerySelectorAll("table.indicators tbody tr");
        Assert.Equal(15, rows.Length);
        var tenth = rows.Single(r => r.QuerySelector("td.code")!.TextContent == "⑩");
        var cells = tenth.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("労政福祉課", cells[2]);
        Assert.StartsWith("23件", cells[3]);
        Assert.Contains("(2017)", cells[3]);
        Assert.Equal("実績なし", cells[4]);
        Assert.StartsWith("62件", cells[5]);
        Assert.Equal("-", cells[6]);
        Assert.Contains("累計", tenth.QuerySelector("th")!.TextContent);
        var fourth = rows.Single(r => r.QuerySelector("td.code")!.TextContent == "④");
        Assert.Contains("全国平均以上", fourth.TextContent);
        Assert.Contains("89%", fourth.TextContent);
    }

    [Fact]
    public async Task Relisted_measures_are_shown_in_each_place_and_counted_once()
    {
        var page = await Page($"/plans/{await PlanId("052019")}");
        Assert.Equal(5, page.QuerySelectorAll("tr.relisting").Length);
        Assert.Equal(28, page.QuerySelectorAll("table.measures tbody tr").Length);
        Assert.Contains("取組 23件", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_measure_page_shows_each_departments_part_of_a_shared_entry()
    {
        var page = await Page($"/measures/{await MeasureId("052019", "1-(1)-⑤")}");
        Assert.Contains("生活困窮者等就職困難者への就労支援", page.QuerySelector("h1")!.TextContent);
        var parts = page.QuerySelectorAll("ul.department-parts li").ToList();
        Assert.Equal(2, parts.Count);
        Assert.Equal("福祉総務課", parts[0].QuerySelector(".department-parts__name")!.TextContent);
        Assert.Equal("保護第一課、保護第二課", parts[1].QuerySelector(".department-parts__name")!.TextContent);
        Assert.Equal(3, page.QuerySelectorAll("a[href^='/departments/']").Length);
    }

    [Fact]
    public async Task The_measure_page_shows_budgets_and_lineage()
    {
        var page = await Page($"/measures/{await MeasureId("040002", "8")}");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("143,082千円", text);
        Assert.Contains("沿岸地域就職サポートセンター事業", text);
        Assert.Contains("みやぎ地域活性化雇用創造プロジェクト", text);
        Assert.Contains("組替", text);
        var budgets = await Page($"/measures/{await MeasureId("040002", "7")}");
        Assert.Contains("なし", budgets.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_organisation_and_department_pages_show_the_department_tree()
    {
        var page = await Page("/organisations/040002");
        var unit = page.QuerySelectorAll(".department-tree a").First(a => a.TextContent == "団体指導班");
        Assert.Equal("社会福祉課", unit.ParentElement!.ParentElement!.ParentElement!.QuerySelector("a")!.TextContent);
        var department = await Page(unit.GetAttribute("href")!);
        Assert.Equal("団体指導班", department.QuerySelector("h1")!.TextContent);
        Assert.Contains("社会福祉課(団体指導班)", department.QuerySelector(".summary-list")!.TextContent);
        Assert.Contains("保護観察少年に対する職業定着支援", department.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task English_is_available_on_request_and_remembered()
    {
        var page = await Page("/?culture=en");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Organisations and plans", page.QuerySelector("h1")!.TextContent);

        var response = await _client.GetAsync("/language?culture=en&returnUrl=%2Fplans%2F1");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/plans/1", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains(".AspNetCore.Culture") && c.Contains("en"));
    }

    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("//example.com/")]
    public async Task The_language_switch_never_redirects_off_site(string returnUrl)
    {
        var response = await _client.GetAsync($"/language?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/plans/99999")]
    [InlineData("/measures/99999")]
    [InlineData("/departments/99999")]
    [InlineData("/organisations/999999")]
    [InlineData("/no-such-page")]
    public async Task Unknown_pages_get_a_japanese_not_found_page(string url)
    {
        var page = await Page(url, HttpStatusCode.NotFound);
        Assert.Equal("ページが見つかりません", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Pages_send_security_headers()
    {
        var response = await _client.GetAsync("/");
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task The_plan_file_download_loads_back_into_the_same_plans()
    {
        var response = await _client.GetAsync($"/plans/{await PlanId("040002", 2)}/file");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var organisation = PlanFileReader.Load("download.json", bytes, null);
        Assert.Equal(["宮城県再犯防止推進計画", "第二次宮城県再犯防止推進計画"], organisation.Plans.Select(p => p.Name));
        Assert.NotNull(organisation.Plans.First().FindMeasure("8")!.NextPlanMeasure);
    }
}

public sealed class SqlitePageTests(SqliteAyumi fixture) : PageTests(fixture), IClassFixture<SqliteAyumi>;

public sealed class PostgresPageTests(PostgresAyumi fixture) : PageTests(fixture), IClassFixture<PostgresAyumi>;
