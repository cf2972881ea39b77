using System.Text;
using Ayumi.Tests.Web;
using Xunit.Abstractions;

namespace Ayumi.Tests.Trust;

/// <summary>
/// The publication rule (docs/publication.md) tried from outside: four roles crawl every GET route of the endpoint table,
/// filled with every object of <see cref="LeakFixture"/>, and every link of the site from the home page, reading pages, JSON,
/// CSV, workbooks and PDFs; no marker of unpublished content may appear where the rule keeps it from the role.
/// </summary>
public abstract class LeakTests(LeakFixture fixture, ITestOutputHelper output)
{
    /// <summary>What each role may see of the marked content: reviewers read the locked year and its review; nobody else anything.</summary>
    private static readonly Dictionary<string, Secret[]> Allowed = new()
    {
        ["anonymous"] = [],
        ["reviewer"] = [Secret.Locked, Secret.Review],
        ["other-department"] = [],
        ["other-organisation"] = [],
    };

    /// <summary>Links followed from the home page beyond the routes, per role; PDFs are read from the routes only.</summary>
    private const int LinkBudget = 250;

    [Fact]
    public async Task No_role_reads_a_marker_the_publication_rule_keeps_from_it_on_any_route_or_link()
    {
        var routes = LeakCrawler.Routes(fixture);
        Assert.All(routes, r => Assert.NotEmpty(r.Urls));
        var violations = new List<string>();
        var report = new StringBuilder($"{routes.Count} GET routes in the endpoint table (+{LeakCrawler.NotCrawled.Count} not crawled: {string.Join(", ", LeakCrawler.NotCrawled.Keys)})\n");
        foreach (var (role, allowed) in Allowed)
        {
            var user = fixture.Users[role];
            var forbidden = Enum.GetValues<Secret>().Except(allowed).ToList();
            var seen = new Dictionary<string, Fetched>();
            async Task ReadAsync(string url)
            {
                var fetched = seen[url] = await LeakCrawler.FetchAsync(user, url);
                foreach (var kind in forbidden)
                    if (Marker.Forms(kind).FirstOrDefault(fetched.Text.Contains) is { } form)
                        violations.Add($"{role} GET {url} ({fetched.Status} {fetched.Kind}): {Marker.Text(kind)} as '{form}'");
            }
            foreach (var url in routes.SelectMany(r => r.Urls).Distinct()) await ReadAsync(url);
            var fromRoutes = seen.Count;
            var queue = new Queue<string>(["/"]);
            var queued = new HashSet<string> { "/" };
            while (queue.TryDequeue(out var url) && seen.Count - fromRoutes < LinkBudget)
            {
                if (!seen.ContainsKey(url)) await ReadAsync(url);
                foreach (var link in LeakCrawler.Links(seen[url]))
                    if (!LeakCrawler.NotCrawled.ContainsKey(link.Split('?')[0]) && !link.Contains("handler=pdf", StringComparison.OrdinalIgnoreCase) && queued.Add(link))
                        queue.Enqueue(link);
            }
            var downloads = seen.Values.Where(f => f.Kind is "xlsx" or "pdf" or "csv" or "json").GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
            report.AppendLine($"{role}: {seen.Count} URLs fetched ({fromRoutes} from routes, {seen.Count - fromRoutes} from links), {seen.Values.Count(f => f.Status == 200)} answered 200; read {string.Join(", ", downloads)}");
        }
        output.WriteLine(report.ToString());
        var byRoute = violations.GroupBy(v => System.Text.RegularExpressions.Regex.Replace(v.Split('?')[0].Split(" (")[0], @"/\d+", "/{id}") + " " + v.Split(": ")[^1].Split(' ')[0])
            .Select(g => $"{g.Count(),4} × {g.Key}");
        Assert.True(violations.Count == 0, $"{violations.Count} leaks, by role, route and marker:\n{string.Join("\n", byRoute)}\nfirst ones:\n{string.Join("\n", violations.Take(30))}");
    }

    [Fact]
    public async Task The_markers_are_there_for_those_who_may_read_them_in_pages_workbooks_csv_and_pdf()
    {
        var secretariat = fixture.Users["secretariat"];
        async Task Reads(WebUser user, string url, Secret kind, bool number = false)
        {
            var fetched = await LeakCrawler.FetchAsync(user, url);
            Assert.True(fetched.Text.Contains(number ? Marker.Number(kind).ToString() : Marker.Text(kind)) || number && fetched.Text.Contains(Marker.Number(kind).ToString("N0")),
                $"GET {url} ({fetched.Status} {fetched.Kind}) should show {kind}");
        }
        var second = fixture.SecondPlan;
        // The Miyagi layout shows budgets; the plan's own (Ena's) does not.
        await Reads(secretariat, $"/plans/{second}/report/{LeakFixture.Open}?handler=xlsx&template={Uri.EscapeDataString(Ayumi.Domain.ReportTemplate.Miyagi)}", Secret.Approved, number: true);
        await Reads(secretariat, $"/plans/{second}/report/{LeakFixture.Open}?handler=xlsx", Secret.Approved);
        await Reads(secretariat, $"/plans/{second}/report/{LeakFixture.Open}?handler=csv", Secret.Approved);
        await Reads(secretariat, $"/plans/{second}/report/{LeakFixture.Locked}?handler=pdf", Secret.Locked);
        await Reads(secretariat, $"/plans/{fixture.DraftPlan}", Secret.NextPlan);
        await Reads(secretariat, $"/measures/{fixture.DraftMeasure}/history", Secret.Draft);
        await Reads(secretariat, $"/plans/{second}/review/{LeakFixture.Locked}", Secret.Review);
        await Reads(fixture.Users["reviewer"], $"/plans/{second}/review/{LeakFixture.Locked}", Secret.Locked);
        await Reads(fixture.Users["reviewer"], $"/plans/{second}/report/{LeakFixture.Locked}", Secret.Locked);
        // The opinion chosen for publication, in the locked year's sheet and on its page, for the review's readers.
        await Reads(secretariat, $"/plans/{second}/opinions/{LeakFixture.Locked}", Secret.Review);
        await Reads(fixture.Users["reviewer"], $"/plans/{second}/report/{LeakFixture.Locked}?handler=csv", Secret.Review);
        await Reads(secretariat, $"/plans/{second}/cycle/{LeakFixture.Locked}/opinions", Secret.Review);
    }

    [Fact]
    public async Task The_search_finds_no_unpublished_text_for_any_role_not_even_the_secretariat()
    {
        foreach (var (role, user) in fixture.Users)
            foreach (var kind in Enum.GetValues<Secret>())
            {
                var found = await LeakCrawler.FetchAsync(user, $"/api/v1/search?q={Uri.EscapeDataString(Marker.Text(kind))}");
                Assert.Equal(200, found.Status);
                Assert.True(found.Text.Contains("\"total\":0"), $"{role} found {Marker.Text(kind)}: {found.Text}");
            }
        // The published plans' text is found.
        var published = await LeakCrawler.FetchAsync(fixture.Users["anonymous"], $"/api/v1/search?q={Uri.EscapeDataString("協力雇用主")}");
        Assert.True((int)System.Text.Json.Nodes.JsonNode.Parse(published.Text)!["total"]! > 0, published.Text);
    }

    // Failure 2 of issue 15: the anonymous plan file carried an approved, unpublished year.
    [Fact]
    public async Task The_public_plan_file_carries_published_years_only_and_the_secretariats_full_file_says_it_is_a_backup()
    {
        var file = $"/plans/{fixture.SecondPlan}/file";
        var anonymous = await LeakCrawler.FetchAsync(fixture.Users["anonymous"], file);
        Assert.Equal(200, anonymous.Status);
        Assert.DoesNotContain(Marker.Text(Secret.Approved), anonymous.Text);
        Assert.DoesNotContain(Marker.Number(Secret.Approved).ToString(), anonymous.Text);
        Assert.DoesNotContain(Marker.Text(Secret.Locked), anonymous.Text);
        Assert.DoesNotContain("\"backup\"", anonymous.Text);
        var backup = await LeakCrawler.FetchAsync(fixture.Users["secretariat"], file);
        Assert.Contains(Marker.Text(Secret.Approved), backup.Text);
        Assert.Contains("\"backup\": true", backup.Text);
    }

    // Failure 3: the anonymous comparison showed an approved budget of a year not yet published.
    [Theory]
    [InlineData(""), InlineData("?handler=csv"), InlineData("?handler=xlsx")]
    public async Task The_public_comparison_shows_no_unpublished_budget(string format)
    {
        var url = $"/plans/{fixture.SecondPlan}/compare{format}";
        var anonymous = await LeakCrawler.FetchAsync(fixture.Users["anonymous"], url);
        Assert.Equal(200, anonymous.Status);
        foreach (var form in Marker.Forms(Secret.Approved).Concat(Marker.Forms(Secret.Locked))) Assert.DoesNotContain(form, anonymous.Text);
        var secretariat = await LeakCrawler.FetchAsync(fixture.Users["secretariat"], url);
        Assert.Contains(Marker.Forms(Secret.Approved), secretariat.Text.Contains);
    }

    // Failure 4: reviewers read departments' drafts of an open year in a measure's history.
    [Fact]
    public async Task Reviewers_do_not_read_departments_drafts_in_a_measures_history()
    {
        var url = $"/measures/{fixture.DraftMeasure}/history";
        var reviewer = await LeakCrawler.FetchAsync(fixture.Users["reviewer"], url);
        Assert.Equal(200, reviewer.Status);
        foreach (var kind in new[] { Secret.Draft, Secret.Submitted, Secret.Returned, Secret.Approved })
            Assert.DoesNotContain(Marker.Text(kind), reviewer.Text);
        Assert.Contains(Marker.Text(Secret.Draft), (await LeakCrawler.FetchAsync(fixture.Users["secretariat"], url)).Text);
    }

    // Failure 5: a draft next plan's name was on the home page and its measures on department pages.
    [Fact]
    public async Task A_draft_plan_is_not_on_the_home_page_nor_its_measures_on_department_pages()
    {
        var anonymous = fixture.Users["anonymous"];
        Assert.DoesNotContain(Marker.Text(Secret.NextPlan), (await LeakCrawler.FetchAsync(anonymous, "/")).Text);
        foreach (var department in fixture.Departments)
        {
            var page = await LeakCrawler.FetchAsync(anonymous, $"/departments/{department}");
            Assert.Equal(200, page.Status);
            Assert.DoesNotContain(Marker.Text(Secret.NextPlan), page.Text);
        }
        Assert.Contains(Marker.Text(Secret.NextPlan), (await LeakCrawler.FetchAsync(fixture.Users["secretariat"], "/")).Text);
    }
}

public sealed class SqliteLeakTests(SqliteLeak fixture, ITestOutputHelper output) : LeakTests(fixture, output), IClassFixture<SqliteLeak>;

public sealed class PostgresLeakTests(PostgresLeak fixture, ITestOutputHelper output) : LeakTests(fixture, output), IClassFixture<PostgresLeak>;
