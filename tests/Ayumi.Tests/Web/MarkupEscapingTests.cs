using System.Text;
using AngleSharp;
using Ayumi.Data;
using Ayumi.Features.PlanFiles;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Web;

/// <summary>Text from plan data is encoded everywhere it is shown (its own database: it adds an organisation).</summary>
public sealed class MarkupEscapingTests(SqliteAyumi fixture) : IClassFixture<SqliteAyumi>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    [Fact]
    public async Task Markup_in_plan_data_is_shown_as_text_never_run()
    {
        const string attack = "<script>alert(1)</script>";
        var json = $$"""
            {
              "format": "ayumi-plan", "formatVersion": 1,
              "organisation": { "code": "011002", "name": "札幌市", "kind": "municipality" },
              "departments": [ { "path": ["{{attack}}課"] } ],
              "plans": [ {
                "name": "計画{{attack}}", "generation": 1, "periodStart": "R6", "periodEnd": "R8",
                "levels": [ { "name": "施策" }, { "name": "事業" } ],
                "nodes": [ { "code": "(1)", "title": "{{attack}}" } ],
                "measures": [ { "key": "1", "code": "1", "parent": "(1)", "title": "取組{{attack}}", "description": "<img src=x onerror=alert(1)>",
                  "departments": ["{{attack}}課"], "entries": [ { "fiscalYear": "R6", "results": "{{attack}}", "plannedWork": "=1+2" } ] } ]
              } ]
            }
            """.Replace("{{attack}}", attack.Replace("/", "\\/"));
        var organisation = PlanFileReader.Load("xss.json", Encoding.UTF8.GetBytes(json), null);
        int measureId, planId;
        await using (var scope = fixture.Factory.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
            organisation.Plans.Single().RecordPublishedYears();
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            planId = organisation.Plans.Single().Id;
            measureId = organisation.Plans.Single().Measures.Single().Id;
        }
        foreach (var url in new[] { "/", "/organisations/011002", $"/plans/{planId}", $"/measures/{measureId}", $"/plans/{planId}/report/R6", $"/plans/{planId}/opendata" })
        {
            var raw = await _client.GetStringAsync(url);
            Assert.DoesNotContain(attack, raw);
            Assert.DoesNotContain("<img src=x", raw);
            var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(raw));
            Assert.Empty(page.QuerySelectorAll("main script, main img"));
            Assert.Contains(url.EndsWith("opendata") ? "計画" + attack : attack, page.QuerySelector("main")!.TextContent);
        }
        var csv = Encoding.UTF8.GetString(await _client.GetByteArrayAsync($"/plans/{planId}/report/R6?handler=csv&template={Uri.EscapeDataString(Ayumi.Domain.ReportTemplate.Akita)}"));
        Assert.Contains(attack, csv);
        Assert.Contains("'=1+2", csv);
        var openData = Encoding.UTF8.GetString(await _client.GetByteArrayAsync($"/plans/{planId}/opendata?handler=csv"));
        Assert.Contains("'=1+2", openData);
    }
}
