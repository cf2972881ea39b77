using System.Net;
using System.Text.Json.Nodes;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Search;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Search;

/// <summary>
/// The search of all published plans on the five seed plans, on SQLite and PostgreSQL side by side: each query's results
/// equal a brute-force substring match over the published fields and are the same on both databases; what is not published
/// is never found; markup in the text is encoded in the snippet.
/// </summary>
public sealed class SearchTests(SqliteAyumi sqlite, PostgresAyumi postgres) : IClassFixture<SqliteAyumi>, IClassFixture<PostgresAyumi>
{
    private IEnumerable<(string Name, AyumiFactory Factory)> Databases => [("sqlite", sqlite.Factory), ("postgres", postgres.Factory)];

    /// <summary>1, 2, 3 and 5 characters, half-width forms, full-width letters, half-width katakana, mixed text, and words no seed holds.</summary>
    public static readonly string[] Queries =
    [
        "寮", "居", "援", "県", "A", "就労", "住居", "支援", "保護", "保護司", "協力雇", "協力雇用主", "再犯防止推",
        "SNS", "ＳＮＳ", "ｼﾞｮﾌﾞ", "ジョブ", "ﾊﾛｰﾜｰｸ", "ハローワーク", "NPO法人", "ＮＰＯ法人", "R6", "１", "(", "（", "就労 支援", "該当しない語句",
    ];

    /// <summary>Queries that the seeds hold, so that the comparison is not one of empty lists.</summary>
    private static readonly string[] Found = ["居", "就労", "住居", "保護司", "協力雇用主", "SNS", "ＳＮＳ", "ｼﾞｮﾌﾞ", "ハローワーク", "ＮＰＯ法人"];

    private static readonly BruteForceSearch.Filters[] FilterSets =
    [
        new(),
        new(FiscalYear: 2024),
        new(FiscalYear: 2023, Grade: "A"),
        new(Grade: "D"),
        new(Prefecture: "宮城県"),
        new(Kind: OrganisationKind.Municipality),
        new(Population: PopulationBand.Find("1m-plus")),
        new(Population: PopulationBand.Find("10k-50k"), Kind: OrganisationKind.Municipality),
    ];

    [Fact]
    public async Task Search_results_equal_a_brute_force_NFKC_substring_match_over_the_published_fields_on_both_databases()
    {
        var results = new Dictionary<string, List<string>>();
        foreach (var (name, factory) in Databases)
        {
            var measures = await BruteForceSearch.ReadAsync(factory);
            var client = factory.CreateClient();
            var lines = new List<string>();
            foreach (var filters in FilterSets)
                foreach (var query in Queries)
                {
                    var expected = BruteForceSearch.Find(measures, query, filters);
                    var found = await AllPagesAsync(client, query, filters);
                    Assert.True(expected.SequenceEqual(found.Select(h => (int)h["measureId"]!)),
                        $"{name} q={query}{filters.QueryString()}: expected [{string.Join(",", expected)}], found [{string.Join(",", found.Select(h => h["measureId"]))}]");
                    if (filters == FilterSets[0] && Found.Contains(query)) Assert.NotEmpty(expected);
                    lines.AddRange(found.Select(h => $"{query}{filters.QueryString()}: {h["organisationCode"]} {h["measureCode"]} {h["title"]} {h["fiscalYear"]} {h["snippet"]}"));
                }
            results[name] = lines;
        }
        Assert.Equal(results["sqlite"], results["postgres"]);
    }

    [Fact]
    public async Task Full_and_half_width_forms_find_the_same_measures_and_a_single_character_is_found_at_a_texts_end()
    {
        foreach (var (_, factory) in Databases)
        {
            var client = factory.CreateClient();
            Assert.Equal(Ids(await AllPagesAsync(client, "SNS", new())), Ids(await AllPagesAsync(client, "ＳＮＳ", new())));
            Assert.Equal(Ids(await AllPagesAsync(client, "ジョブ", new())), Ids(await AllPagesAsync(client, "ｼﾞｮﾌﾞ", new())));
            // A title's last character is the only place it stands without a character after it.
            var measures = await BruteForceSearch.ReadAsync(factory);
            var last = measures.Select(m => m.OwnFields[0].Normalize(System.Text.NormalizationForm.FormKC)[^1..]).GroupBy(c => c).OrderBy(g => g.Count()).First().Key;
            Assert.Equal(BruteForceSearch.Find(measures, last, new()), Ids(await AllPagesAsync(client, last, new())));
        }
    }

    [Fact]
    public async Task Text_of_a_year_not_published_is_never_found_and_publishing_and_withdrawing_a_year_adds_and_removes_it()
    {
        foreach (var (name, factory) in Databases)
        {
            var client = factory.CreateClient();
            var plan = await factory.PlanIdAsync("212105");
            await ChangeAsync(factory, plan, (p, m) =>
            {
                m.EntryFor(new FiscalYear(2030)).Results = "未公開年度の記載ＸＹ";
                m.EntryFor(new FiscalYear(2024)).Results = "公開年度の記載ＸＹ";
            });
            Assert.Empty(await AllPagesAsync(client, "未公開年度", new()));
            Assert.Single(await AllPagesAsync(client, "公開年度の記載XY", new()));

            await ChangeAsync(factory, plan, (p, _) => p.ReportingYears.Single(r => r.FiscalYear == new FiscalYear(2024)).WithdrawPublication("訂正のため", DateTimeOffset.UtcNow));
            Assert.Empty(await AllPagesAsync(client, "公開年度の記載", new()));

            await ChangeAsync(factory, plan, (p, _) => p.ReportingYears.Single(r => r.FiscalYear == new FiscalYear(2024)).Publish(DateTimeOffset.UtcNow));
            var found = Assert.Single(await AllPagesAsync(client, "公開年度の記載", new()));
            Assert.Equal(2024, (int)found["fiscalYear"]!);
            Assert.Empty(await AllPagesAsync(client, "未公開年度", new()));
            Assert.True((await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("未公開年度"))).Contains("該当する事業はありません"), name);
        }
    }

    [Fact]
    public async Task Markup_in_a_measure_title_is_encoded_in_the_highlighted_snippet_of_the_api_and_the_page()
    {
        const string title = "篤志家の<b>支援</b> <script>alert('就労')</script> & 更生";
        foreach (var (_, factory) in Databases)
        {
            var plan = await factory.PlanIdAsync("052019");
            await ChangeAsync(factory, plan, (_, m) => m.Rewrite(title, m.Description));
            var client = factory.CreateClient();
            var hit = Assert.Single(await AllPagesAsync(client, "篤志家の<b>", new()));
            Assert.Equal(title, (string)hit["title"]!);
            Assert.Equal("<mark>篤志家の&lt;b&gt;</mark>支援&lt;/b&gt; &lt;script&gt;alert(&#39;就労&#39;)&lt;/script&gt; &amp; 更生", (string)hit["snippet"]!);
            var page = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("篤志家の<b>"));
            Assert.DoesNotContain("<script>alert", page);
            Assert.DoesNotContain("<b>支援", page);
            Assert.Contains("<mark>篤志家の&lt;b&gt;</mark>", page);
        }
    }

    [Fact]
    public async Task Rebuilding_the_index_gives_what_the_saves_kept_up_to_date()
    {
        foreach (var (_, factory) in Databases)
        {
            var client = factory.CreateClient();
            var before = await AllPagesAsync(client, "支援", new());
            await using (var scope = factory.Services.CreateAsyncScope())
                Assert.True(await SearchIndex.RebuildAsync(scope.ServiceProvider.GetRequiredService<AyumiDbContext>(), CancellationToken.None) > 0);
            Assert.Equal(before.Select(h => h.ToJsonString()), (await AllPagesAsync(client, "支援", new())).Select(h => h.ToJsonString()));
        }
    }

    [Theory]
    [InlineData("kind=town"), InlineData("population=huge"), InlineData("fiscalYear=next"), InlineData("page=0")]
    public async Task A_filter_the_search_does_not_know_is_refused(string filter)
    {
        foreach (var (_, factory) in Databases)
        {
            var response = await factory.CreateClient().GetAsync($"/api/v1/search?q=%E5%B0%B1%E5%8A%B4&{filter}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_api_is_described_in_the_openapi_document_and_pages_by_twenty()
    {
        var client = sqlite.Factory.CreateClient();
        var openApi = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var search = openApi["paths"]!["/api/v1/search"]!["get"]!;
        Assert.Equal(["q", "prefecture", "kind", "population", "fiscalYear", "grade", "page"], search["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        var first = JsonNode.Parse(await client.GetStringAsync("/api/v1/search?q=%E6%94%AF%E6%8F%B4"))!;
        Assert.True((int)first["total"]! > 20);
        Assert.Equal(20, first["hits"]!.AsArray().Count);
        var second = JsonNode.Parse(await client.GetStringAsync("/api/v1/search?q=%E6%94%AF%E6%8F%B4&page=2"))!;
        Assert.Empty(first["hits"]!.AsArray().Select(h => (int)h!["measureId"]!).Intersect(second["hits"]!.AsArray().Select(h => (int)h!["measureId"]!)));
    }

    private static List<int> Ids(List<JsonNode> hits) => hits.Select(h => (int)h["measureId"]!).ToList();

    private static async Task<List<JsonNode>> AllPagesAsync(HttpClient client, string query, BruteForceSearch.Filters filters)
    {
        var hits = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var response = await client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}{filters.QueryString()}&page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            hits.AddRange(body["hits"]!.AsArray().Select(h => h!));
            if (page >= (int)body["pages"]!) return hits;
        }
    }

    /// <summary>Changes the first measure (by id) of a plan, and the plan, through the app's own save.</summary>
    private static async Task ChangeAsync(AyumiFactory factory, int planId, Action<Plan, Measure> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plan = await db.Plans.Include(p => p.ReportingYears).SingleAsync(p => p.Id == planId);
        var measure = await db.Measures.Include(m => m.Entries).Where(m => m.PlanId == planId).OrderBy(m => m.Id).FirstAsync();
        change(plan, measure);
        await db.SaveChangesAsync();
    }
}
