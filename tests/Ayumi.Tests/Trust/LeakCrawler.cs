using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Ayumi.Domain;
using Ayumi.Tests.Reporting;
using Ayumi.Tests.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Trust;

/// <summary>A GET route of the app's endpoint table and the URLs that fill it with the fixture's objects.</summary>
public sealed record CrawlRoute(string Pattern, IReadOnlyList<string> Urls);

/// <summary>What one response said, as text: a page, JSON, CSV, a workbook's XML or a PDF's text.</summary>
public sealed record Fetched(string Url, int Status, string Kind, string Text);

/// <summary>
/// Every GET route in the endpoint table, each filled with every id, code, year, layout and format of the fixture's objects,
/// and a crawler that reads each response as text (pages, JSON, CSV, the XML of a workbook, the text of a PDF) and follows the
/// site's links. A route whose parameter it cannot fill fails the test, so a new route cannot go uncrawled.
/// </summary>
public static partial class LeakCrawler
{
    /// <summary>Routes not requested, and why. Nothing else may be left out.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotCrawled = new Dictionary<string, string>
    {
        ["/account/logout"] = "signs the crawling user out; it shows nothing stored",
    };

    public static IReadOnlyList<CrawlRoute> Routes(LeakFixture fixture)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>
        {
            ["code"] = ["212105", "052019"],
            ["planId"] = fixture.Plans.Select(p => p.ToString()).ToList(),
            ["indicatorId"] = fixture.Indicators.Select(i => i.ToString()).ToList(),
            ["year"] = LeakFixture.Years.Select(y => y.ToString()).ToList(),
            ["fiscalYear"] = LeakFixture.Years.Select(y => y.ToString()).ToList(),
            ["template"] = ReportTemplate.BuiltIn.Select(t => t.Name).ToList(),
            ["from"] = fixture.Plans.Select(p => p.ToString()).ToList(),
            ["previous"] = ["true"],
            ["documentName"] = ["v1"],
            ["culture"] = ["ja"],
            ["returnUrl"] = ["/"],
            // Searches: a part of every marker (a hit would show the whole marker in its snippet) and words of the marked text.
            ["q"] = ["LEAK7Q", "の記載", "差し戻し"],
        };
        IReadOnlyList<string> Ids(string pattern) => pattern switch
        {
            _ when pattern.StartsWith("/plans/") => fixture.Plans.Select(p => p.ToString()).ToList(),
            _ when pattern.StartsWith("/measures/") => fixture.Measures.Select(m => m.ToString()).ToList(),
            _ when pattern.StartsWith("/departments/") => fixture.Departments.Select(d => d.ToString()).ToList(),
            _ when pattern.StartsWith("/entries/") => fixture.Parts.Select(p => p.ToString()).ToList(),
            // An upload waiting between preview and commit: none is stored for the fixture, so the page must answer without one.
            _ when pattern.StartsWith("/organisations/{code}/import/") => ["no-such-upload"],
            _ => throw new InvalidOperationException($"{pattern}: no fixture values for {{id}}; add them to the leak test."),
        };

        var routes = new List<CrawlRoute>();
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains(HttpMethods.Get)) continue;
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (NotCrawled.ContainsKey(pattern)) continue;
            var urls = new List<string>();
            foreach (var (handler, parameters) in Handlers(endpoint))
            {
                var query = parameters.Where(p => endpoint.RoutePattern.GetParameter(p) is null && values.ContainsKey(p))
                    // A PDF takes seconds to render: each is asked once per plan and year, in the plan's own layout.
                    .Where(p => !(handler == "pdf" && p is "template" or "previous")).ToList();
                foreach (var path in Fill(endpoint.RoutePattern, pattern, name => name == "id" ? Ids(pattern) : values.GetValueOrDefault(name)
                    ?? throw new InvalidOperationException($"{pattern}: no fixture values for route parameter {{{name}}}; add them to the leak test.")))
                {
                    var fixedQuery = handler == "" ? "" : $"handler={handler}";
                    urls.Add(Join(path, fixedQuery));
                    // Each query parameter is varied on its own over every value the fixture has for it.
                    foreach (var name in query)
                        foreach (var value in values[name])
                            urls.Add(Join(path, string.Join("&", new[] { fixedQuery, $"{name}={Uri.EscapeDataString(value)}" }.Where(q => q != ""))));
                }
            }
            routes.Add(new CrawlRoute(pattern, urls.Distinct().ToList()));
        }
        return routes;
    }

    private static string Join(string path, string query) => query == "" ? path : $"{path}?{query}";

    /// <summary>
    /// A Razor page's GET handlers (OnGetXlsxAsync is handler "xlsx"), its own or inherited (the year's steps share theirs), or a
    /// minimal API's delegate, with their parameter names.
    /// </summary>
    private static IEnumerable<(string Handler, IReadOnlyList<string> Parameters)> Handlers(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
        {
            var folder = Path.GetDirectoryName(page.RelativePath)!.Replace('\\', '/').Trim('/').Replace('/', '.');
            // A page without a model (the access-denied page) answers GET as it is.
            var model = typeof(Program).Assembly.GetType($"Ayumi.{folder}.{Path.GetFileNameWithoutExtension(page.RelativePath)}Model");
            if (model is null) return [("", [])];
            return model.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name.StartsWith("OnGet"))
                .Select(m => (m.Name["OnGet".Length..].Replace("Async", "").ToLowerInvariant(), (IReadOnlyList<string>)m.GetParameters().Select(p => p.Name!).ToList()));
        }
        var method = endpoint.Metadata.GetMetadata<MethodInfo>();
        return [("", method?.GetParameters().Select(p => p.Name!).ToList() ?? [])];
    }

    /// <summary>Every path the pattern gives with its parameters filled; an optional parameter is also left out.</summary>
    private static IEnumerable<string> Fill(Microsoft.AspNetCore.Routing.Patterns.RoutePattern route, string pattern, Func<string, IReadOnlyList<string>> values)
    {
        IEnumerable<string> paths = [pattern];
        foreach (var parameter in route.Parameters)
        {
            var placeholder = Placeholder(parameter.Name).Match(pattern).Value;
            var options = values(parameter.Name).ToList();
            if (parameter.IsOptional) options.Add("");
            paths = paths.SelectMany(p => options.Select(v => p.Replace(placeholder, Uri.EscapeDataString(v)).Replace("//", "/").TrimEnd('/'))).ToList();
        }
        return paths.Select(p => p == "" ? "/" : p);
    }

    private static Regex Placeholder(string name) => new(@"\{" + Regex.Escape(name) + @"(:[^}]*)?\??\}");

    public static async Task<Fetched> FetchAsync(WebUser user, string url)
    {
        using var response = await user.Client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var (kind, text) = type switch
        {
            _ when type.Contains("spreadsheetml") => ("xlsx", WorkbookText(bytes)),
            "application/pdf" => ("pdf", ExternalTools.PdfText(bytes)),
            "text/html" => ("html", Encoding.UTF8.GetString(bytes)),
            _ => (type.Contains("csv") ? "csv" : type.Contains("json") ? "json" : "other", Encoding.UTF8.GetString(bytes)),
        };
        return new Fetched(url, (int)response.StatusCode, kind, text);
    }

    /// <summary>Everything a workbook holds as text: shared and inline strings, numbers, headers and footers (every XML part of the package).</summary>
    public static string WorkbookText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var part in zip.Entries.Where(e => e.FullName.EndsWith(".xml")))
        {
            using var reader = new StreamReader(part.Open());
            text.Append(System.Net.WebUtility.HtmlDecode(reader.ReadToEnd())).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The site's own links on a page, without fragments.</summary>
    public static IEnumerable<string> Links(Fetched page)
    {
        if (page.Kind != "html") return [];
        var document = new HtmlParser().ParseDocument(page.Text);
        return document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .Where(h => h.StartsWith('/') && !h.StartsWith("//"))
            .Select(h => h.Split('#')[0]).Where(h => h.Length > 0);
    }
}
