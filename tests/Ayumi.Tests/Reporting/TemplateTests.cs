using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Reporting;

/// <summary>The secretariat saves its own layout of the progress sheet and makes it a plan's default.</summary>
public sealed class TemplateTests(SqliteCycle fixture) : IClassFixture<SqliteCycle>
{
    [Fact]
    public async Task A_saved_layout_shows_its_columns_in_its_order_and_becomes_the_plans_default()
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var editor = await secretariat.GetAsync($"/organisations/212105/templates?from={Uri.EscapeDataString(ReportTemplate.Ena)}");
        var fields = new List<KeyValuePair<string, string>> { new("Name", "委員会提出用"), new("GradeTally", "true") };
        var rows = editor.QuerySelectorAll("table.mapping-table tbody tr").ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var field = rows[i].QuerySelector($"input[name='Columns[{i}].Field']")!.GetAttribute("value")!;
            var (include, order, heading) = field switch
            {
                "Grade" => (true, "1", "{0:J}の評価"),
                "Title" => (true, "2", "事業名"),
                "Results" => (true, "3", "実績"),
                _ => (false, "9", ""),
            };
            fields.AddRange([new($"Columns[{i}].Field", field), new($"Columns[{i}].Order", order), new($"Columns[{i}].Heading", heading), new($"Columns[{i}].YearOffset", "0")]);
            if (include) fields.Add(new($"Columns[{i}].Include", "true"));
        }
        var saved = await secretariat.PostAndReadAsync("/organisations/212105/templates", fields);
        Assert.Contains("委員会提出用", saved.QuerySelector(".notice--success")!.TextContent);

        var planId = await fixture.Factory.PlanIdAsync("212105");
        await secretariat.PostAsync("/organisations/212105/templates?handler=Default", [new("planId", planId.ToString()), new("template", "委員会提出用")]);
        var sheet = await fixture.Factory.NewUser().GetAsync($"/plans/{planId}/report/R6");
        Assert.Equal(["令和6年度の評価", "事業名", "実績"], sheet.QuerySelectorAll("table.progress-sheet thead th").Select(th => th.TextContent));
        Assert.NotNull(sheet.QuerySelector("table.tally"));
    }

    [Fact]
    public async Task Only_the_secretariat_may_edit_layouts()
    {
        Accounts.AssertDenied(await (await fixture.Factory.SignedInAsync(CycleFixture.Fukushi)).Client.GetAsync("/organisations/212105/templates"));
        Accounts.AssertDenied(await (await fixture.Factory.SignedInAsync(CycleFixture.AkitaSecretariat)).Client.GetAsync("/organisations/212105/templates"));
        Accounts.AssertChallenged(await fixture.Factory.NewUser().Client.GetAsync("/organisations/212105/templates"));
    }
}
