using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Indicators;

/// <summary>
/// The whole series of an indicator on the web, on Miyagi's first plan (FY2020–FY2024): actuals before the baseline, a target
/// averaged over five years typed as the documents write it, a monitoring indicator, a ratio at one decimal, and the
/// secretariat's deletion and archiving with a reason in the audit trail. Expected values are computed by hand in the comments.
/// </summary>
public abstract class IndicatorSeriesTests(CycleFixture fixture) : IAsyncLifetime
{
    private int _plan;

    public async Task InitializeAsync() => _plan = await fixture.Factory.PlanIdAsync("040002", 1);

    public Task DisposeAsync() => fixture.Factory.QueryAsync(async db =>
    {
        // Ratios first: they point at their parts.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"IndicatorActuals\" WHERE \"IndicatorId\" IN (SELECT \"Id\" FROM \"Indicators\" WHERE \"PlanId\" = {0})", _plan);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Indicators\" WHERE \"PlanId\" = {0} AND \"NumeratorId\" IS NOT NULL", _plan);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Indicators\" WHERE \"PlanId\" = {0}", _plan);
        return 0;
    });

    private string Url(string path = "") => $"/plans/{_plan}/indicators{path}";

    private static IEnumerable<KeyValuePair<string, string>> Definition(string code, string name, string unit, string direction, string baselineYear, string baselineValue,
        string? targetYears = null, string? target = null, string? decimals = null, bool monitoring = false) =>
    [
        new("Input.Code", code), new("Input.Name", name), new("Input.Unit", unit), new("Input.Kind", "Snapshot"), new("Input.Direction", direction),
        new("Input.BaselineFrom", baselineYear), new("Input.BaselineValue", baselineValue),
        new("Input.Targets[0].Year", targetYears ?? ""), new("Input.Targets[0].Value", target ?? ""),
        new("Input.DecimalPlaces", decimals ?? ""), new("Input.MonitoringOnly", monitoring ? "true" : "false"),
    ];

    private Task<int> IdOf(string code) => fixture.Factory.QueryAsync(db => db.Indicators.Where(i => i.PlanId == _plan && i.Code == code).Select(i => i.Id).SingleAsync());

    /// <summary>再犯者数: baseline 100 in FY2019 (R1); target H2…: R2〜R6の平均 90. Actuals FY2016–FY2023: 130, 120, 110, 100, 95, 90, 85, 80.</summary>
    private async Task<(WebUser Admin, int Id)> ReoffendersAsync()
    {
        var admin = await fixture.Factory.SignedInAsync(CycleFixture.Administrator);
        await admin.PostAndReadAsync(Url("/edit"), Definition("T1", "再犯者数", "人", "LowerIsBetter", "R1", "100", "R2〜R6の平均", "90"));
        var id = await IdOf("T1");
        var actuals = Url($"/{id}/actuals");
        // The four years from the baseline back are typed one at a time, as earlier statistics are found.
        foreach (var (year, value) in new[] { ("H28", "130"), ("H29", "120"), ("H30", "110"), ("R1", "100") })
        {
            var saved = await admin.PostAndReadAsync(actuals + "?handler=Submit", [new("Extra.Year", year), new("Extra.Value", value)]);
            Assert.Null(saved.QuerySelector(".field-error"));
        }
        var form = await admin.GetAsync(actuals);
        var rows = form.QuerySelectorAll("table.actuals-form tbody th").Select(th => th.TextContent).ToList();
        Assert.Equal(["平成28年度", "平成29年度", "平成30年度", "令和元年度", "令和2年度", "令和3年度", "令和4年度", "令和5年度", "令和6年度"], rows);
        await admin.PostAndReadAsync(actuals + "?handler=Submit",
            new[] { ("FY2020", "95"), ("FY2021", "90"), ("FY2022", "85"), ("FY2023", "80") }
                .SelectMany((r, i) => new KeyValuePair<string, string>[] { new($"Rows[{i}].Year", r.Item1), new($"Rows[{i}].Value", r.Item2) }));
        return (admin, id);
    }

    [Fact]
    public async Task Eight_years_from_three_before_the_baseline_are_charted_and_judged_against_a_five_year_average()
    {
        var (admin, id) = await ReoffendersAsync();
        var stored = await fixture.Factory.QueryAsync(async db => (await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == id)));
        Assert.Equal(8, stored.Actuals.Count);
        Assert.Equal(new FiscalYear(2020), stored.Targets.Single().From);

        var page = await admin.GetAsync(Url($"/{id}?year=FY2023"));
        var svg = page.QuerySelector("figure svg")!;
        Assert.Equal(8, svg.QuerySelectorAll("circle.chart-series-0").Length);
        var mark = svg.QuerySelector("rect.chart-mark")!;
        Assert.Equal("基準値 100人", mark.TextContent);
        Assert.Equal(["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"],
            svg.QuerySelectorAll("text").Select(t => t.TextContent).Where(t => t.StartsWith("20") && t.Length == 4));
        // As of FY2023: (95 + 90 + 85 + 80) ÷ 4 = 87.5 ≤ 90 with FY2024 still to come: on track; achievement (87.5 − 100) ÷ (90 − 100) = 125%.
        var status = page.QuerySelectorAll("dl.summary-list div").Single(d => d.QuerySelector("dt")!.TextContent.Contains("時点の状況")).QuerySelector("dd")!.TextContent;
        Assert.Contains("順調", status);
        Assert.Contains("125%", status);
        Assert.Contains("87.5人", status);
        Assert.Contains("90人 (2020–2024 平均)", page.QuerySelector("dl.summary-list")!.TextContent);

        var edit = await admin.GetAsync(Url($"/edit/{id}"));
        Assert.Equal("R2〜R6の平均", edit.QuerySelector("#indicator-target-0-year")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_monitoring_indicator_is_listed_charted_and_exported_without_achievement_or_status()
    {
        var admin = await fixture.Factory.SignedInAsync(CycleFixture.Administrator);
        var refused = await admin.PostAndReadAsync(Url("/edit"), Definition("T2", "刑法犯検挙人員", "人", "LowerIsBetter", "R1", "500", "R6", "400", monitoring: true));
        Assert.Contains("目標を入力できません", refused.QuerySelector(".field-error")!.TextContent);
        await admin.PostAndReadAsync(Url("/edit"), Definition("T2", "刑法犯検挙人員", "人", "LowerIsBetter", "R1", "500", monitoring: true));
        var id = await IdOf("T2");
        await admin.PostAndReadAsync(Url($"/{id}/actuals") + "?handler=Submit", [new("Extra.Year", "R4"), new("Extra.Value", "470")]);

        var row = (await admin.GetAsync(Url())).QuerySelectorAll("table.indicators tbody tr").Single(r => r.QuerySelector("td.code")!.TextContent == "T2");
        Assert.Contains("モニタリング指標", row.QuerySelector("th")!.TextContent);
        Assert.Null(row.QuerySelector(".status"));
        Assert.Contains("470人", row.TextContent);
        Assert.Equal("", row.QuerySelector("td.num")!.TextContent);

        var page = await admin.GetAsync(Url($"/{id}"));
        Assert.Contains("達成度と状況はありません", page.QuerySelector("dl.summary-list")!.TextContent);
        Assert.Null(page.QuerySelector("dl.summary-list .status"));
        // The baseline (500, FY2019) and the one actual (470, FY2022); no path to a target.
        Assert.Equal(2, page.QuerySelectorAll("figure svg circle").Length);
        Assert.Null(page.QuerySelector("figure svg polyline.chart-line--dashed"));

        using var api = System.Text.Json.JsonDocument.Parse(await admin.Client.GetByteArrayAsync($"/api/v1/plans/{_plan}/indicators"));
        var fromApi = api.RootElement.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "T2");
        Assert.True(fromApi.GetProperty("monitoringOnly").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, fromApi.GetProperty("assessment").GetProperty("status").ValueKind);
        Assert.Equal(470m, fromApi.GetProperty("assessment").GetProperty("current").GetDecimal());
    }

    [Fact]
    public async Task A_ratio_prints_at_one_decimal_and_the_secretariat_deletes_or_archives_with_a_reason_in_the_audit_trail()
    {
        var (admin, reoffenders) = await ReoffendersAsync();
        await admin.PostAndReadAsync(Url("/edit"), Definition("T3", "検挙人員", "人", "LowerIsBetter", "R1", "300", "R6", "250"));
        var arrested = await IdOf("T3");
        await admin.PostAndReadAsync(Url($"/{arrested}/actuals") + "?handler=Submit", [new("Rows[0].Year", "FY2023"), new("Rows[0].Value", "300")]);
        await admin.PostAndReadAsync(Url("/edit"), Definition("T4", "再犯者率", "%", "LowerIsBetter", "R1", "30", "R6", "25", decimals: "1")
            .Concat([new("Input.NumeratorId", reoffenders.ToString()), new("Input.DenominatorId", arrested.ToString()), new("Input.RatioScale", "100")]));
        var rate = await IdOf("T4");

        // 80 ÷ 300 × 100 = 26.666… → 26.7% at one decimal, on the list, the indicator's page and in the open data.
        var row = (await admin.GetAsync(Url("?year=FY2023"))).QuerySelectorAll("table.indicators tbody tr").Single(r => r.QuerySelector("td.code")!.TextContent == "T4");
        Assert.Contains("26.7%", row.TextContent);
        var page = await admin.GetAsync(Url($"/{rate}"));
        Assert.Contains("26.7%", page.QuerySelector("table.indicator-years")!.TextContent);
        Assert.Contains(">26.7<", page.QuerySelector("figure")!.InnerHtml);
        using (var json = System.Text.Json.JsonDocument.Parse(await admin.Client.GetByteArrayAsync($"/plans/{_plan}/opendata?handler=json")))
        {
            var ratio = json.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "T4");
            Assert.Equal(26.7m, ratio.GetProperty("actuals").EnumerateArray().Single().GetProperty("value").GetDecimal());
        }

        // The first actual, deleted with its reason.
        var deleted = await admin.PostAndReadAsync(Url($"/{reoffenders}/actuals") + "?handler=Delete", [new("DeleteYear", "FY2016"), new("DeleteReason", "統計の誤記")]);
        Assert.Contains("平成28年度の実績を削除しました", deleted.QuerySelector(".notice")!.TextContent);
        // A part of a ratio stays while the ratio does; the ratio, without actuals of its own, is deleted.
        var refused = await admin.PostAndReadAsync(Url($"/edit/{reoffenders}") + "?handler=Remove", [new("RemovalReason", "指標の見直し")]);
        Assert.Contains("T4", refused.QuerySelector(".notice")!.TextContent);
        var afterRatio = await admin.PostAndReadAsync(Url($"/edit/{rate}") + "?handler=Remove", [new("RemovalReason", "算出方法の変更")]);
        Assert.Contains("指標を削除しました", afterRatio.QuerySelector(".notice")!.TextContent);
        var archived = await admin.PostAndReadAsync(Url($"/edit/{reoffenders}") + "?handler=Remove", [new("RemovalReason", "指標の見直し")]);
        Assert.Contains("アーカイブしました", archived.QuerySelector(".notice")!.TextContent);
        Assert.DoesNotContain(archived.QuerySelectorAll("table.indicators td.code"), c => c.TextContent == "T1");
        Assert.Contains("T1 再犯者数", archived.QuerySelector("ul.archived-indicators")!.TextContent);

        var (actuals, gone, audits) = await fixture.Factory.QueryAsync(async db =>
        {
            var kept = await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == reoffenders);
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.PlanId == _plan && a.Action != AuditAction.Added).ToListAsync();
            return (kept.Actuals.Count, !await db.Indicators.AnyAsync(i => i.Id == rate), entries);
        });
        Assert.Equal(7, actuals);
        Assert.True(gone);
        Assert.Contains(audits, a => a.EntityType == nameof(IndicatorActual) && a.Action == AuditAction.Deleted && a.Changes.Contains("統計の誤記"));
        Assert.Contains(audits, a => a.EntityType == nameof(Indicator) && a.Action == AuditAction.Deleted && a.EntityId == rate.ToString() && a.Changes.Contains("算出方法の変更"));
        Assert.Contains(audits, a => a.EntityType == nameof(Indicator) && a.Action == AuditAction.Modified && a.EntityId == reoffenders.ToString() && a.Changes.Contains("指標の見直し"));

        using var open = System.Text.Json.JsonDocument.Parse(await admin.Client.GetByteArrayAsync($"/plans/{_plan}/opendata?handler=json"));
        var archivedRecord = open.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "T1");
        Assert.True(archivedRecord.GetProperty("archived").GetBoolean());
        Assert.Equal(7, archivedRecord.GetProperty("actuals").GetArrayLength());
    }
}

public sealed class SqliteIndicatorSeriesTests(SqliteCycle fixture) : IndicatorSeriesTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresIndicatorSeriesTests(PostgresCycle fixture) : IndicatorSeriesTests(fixture), IClassFixture<PostgresCycle>;
