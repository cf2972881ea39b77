using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Reporting;
using Ayumi.Tests.Web;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Indicators;

/// <summary>The indicator pages, the entry of actuals by the owning department and the secretariat, and the Hyogo layout of the progress sheet.</summary>
public abstract class IndicatorPageTests(CycleFixture fixture) : IAsyncLifetime
{
    private (int Plan, int Soumu, int Shoukou) _ena;

    public async Task InitializeAsync() => _ena = await IndicatorSetup.AddToEnaAsync(fixture.Factory);

    public Task DisposeAsync() => fixture.Factory.QueryAsync(async db =>
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"IndicatorActuals\" WHERE \"IndicatorId\" IN ({0}, {1})", _ena.Soumu, _ena.Shoukou);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Indicators\" WHERE \"Id\" IN ({0}, {1})", _ena.Soumu, _ena.Shoukou);
        return 0;
    });

    private string ActualsUrl(int indicator) => $"/plans/{_ena.Plan}/indicators/{indicator}/actuals";

    private static IEnumerable<KeyValuePair<string, string>> Row(int index, string year, string value, string? comparison = null, string? judgement = null)
    {
        yield return new($"Rows[{index}].Year", year);
        yield return new($"Rows[{index}].Value", value);
        if (comparison is not null) yield return new($"Rows[{index}].Comparison", comparison);
        if (judgement is not null) yield return new($"Rows[{index}].Judgement", judgement);
    }

    private Task<List<(FiscalYear Year, decimal Value, ActualState State)>> Stored(int indicator) => fixture.Factory.QueryAsync(async db =>
        (await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == indicator)).Actuals.OrderBy(a => a.FiscalYear).Select(a => (a.FiscalYear, a.Value, a.State)).ToList());

    [Fact]
    public async Task Hyogos_indicator_page_lists_the_fifteen_with_status_and_links_to_each_chart()
    {
        var hyogo = await fixture.Factory.PlanIdAsync("280003", 5);
        var page = await fixture.Factory.NewUser().GetAsync($"/plans/{hyogo}/indicators");
        var rows = page.QuerySelectorAll("table.indicators tbody tr");
        Assert.Equal(15, rows.Length);
        var tenth = rows.Single(r => r.QuerySelector("td.code")!.TextContent == "⑩");
        Assert.Contains("実績なし", tenth.TextContent);
        var detail = await fixture.Factory.NewUser().GetAsync(tenth.QuerySelector("th a")!.GetAttribute("href")!);
        Assert.Equal("⑩ 保護観察対象者等への雇用導入支援件数", detail.QuerySelector("h1")!.TextContent);
        Assert.NotNull(detail.QuerySelector("figure svg[role='img'] title"));
        var years = detail.QuerySelectorAll("table.indicator-years tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        Assert.Equal(5, years.Count); // 2017 (baseline) … 2021 (target)
        var last = detail.QuerySelectorAll("table.indicator-years tbody tr").Last().QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Contains("62件", last); // the path ends at the target
    }

    [Fact]
    public async Task The_owning_department_saves_a_draft_then_submits_and_the_status_follows()
    {
        var soumu = await fixture.Factory.SignedInAsync(CycleFixture.Soumu);
        var form = await soumu.GetAsync(ActualsUrl(_ena.Soumu));
        Assert.Equal(["令和5年度", "令和6年度"], form.QuerySelectorAll("table.actuals-form tbody th").Select(th => th.TextContent));
        var saved = await soumu.PostAndReadAsync(ActualsUrl(_ena.Soumu) + "?handler=Save", Row(0, "FY2023", "8"));
        Assert.Contains("下書きを保存しました", saved.QuerySelector(".notice")!.TextContent);
        Assert.Equal([(new FiscalYear(2023), 8m, ActualState.Draft)], await Stored(_ena.Soumu));
        var publicPage = await fixture.Factory.NewUser().GetAsync($"/plans/{_ena.Plan}/indicators");
        Assert.Contains("実績なし", publicPage.QuerySelector("table.indicators tbody tr")!.TextContent);

        // FY2024 is published in Ena's cycle: closed to the department, as its entries are; the secretariat may still record it.
        var refused = await soumu.PostAndReadAsync(ActualsUrl(_ena.Soumu) + "?handler=Submit", Row(0, "FY2023", "8").Concat(Row(1, "FY2024", "１２社")));
        Assert.Contains("事務局に依頼してください", refused.QuerySelector(".field-error")!.TextContent);
        Assert.Equal([(new FiscalYear(2023), 8m, ActualState.Draft)], await Stored(_ena.Soumu));
        await soumu.PostAndReadAsync(ActualsUrl(_ena.Soumu) + "?handler=Submit", Row(0, "FY2023", "8"));
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        await secretariat.PostAndReadAsync(ActualsUrl(_ena.Soumu) + "?handler=Submit", Row(0, "FY2024", "１２社"));
        Assert.Equal([(new FiscalYear(2023), 8m, ActualState.Submitted), (new FiscalYear(2024), 12m, ActualState.Submitted)], await Stored(_ena.Soumu));
        var row = (await fixture.Factory.NewUser().GetAsync($"/plans/{_ena.Plan}/indicators")).QuerySelector("table.indicators tbody tr")!;
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.StartsWith("30社", cells[4]); // 10 + 8 + 12
        Assert.Equal("100%", cells[6]);
        Assert.Contains("達成", cells[7]);

        var audit = await fixture.Factory.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(IndicatorActual) && a.PlanId == _ena.Plan).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditAction.Modified && a.Changes.Contains("Draft") && a.Changes.Contains("Submitted"));
        Assert.Contains(audit, a => a.Action == AuditAction.Added && a.UserName != "system");
    }

    [Theory]
    [InlineData("多数", "数値で入力してください")]
    [InlineData("12人", "単位が違います")]
    [InlineData("-3", "負の値は入力できません")]
    public async Task Bad_values_are_named_on_the_form_and_nothing_is_stored(string bad, string message)
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var page = await secretariat.PostAndReadAsync(ActualsUrl(_ena.Soumu) + "?handler=Submit", Row(0, "FY2023", "5").Concat(Row(1, "FY2024", bad)));
        Assert.Contains("何も保存していません", page.QuerySelector(".notice--error")!.TextContent);
        Assert.Contains(message, page.QuerySelector(".field-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("input[name='Rows[1].Value']")!.GetAttribute("aria-invalid"));
        Assert.Empty(await Stored(_ena.Soumu));
    }

    [Fact]
    public async Task Only_the_owning_department_and_the_secretariat_may_enter_actuals()
    {
        var fukushi = await fixture.Factory.SignedInAsync(CycleFixture.Fukushi);
        Accounts.AssertDenied(await fukushi.Client.GetAsync(ActualsUrl(_ena.Soumu)));
        var soumu = await fixture.Factory.SignedInAsync(CycleFixture.Soumu);
        Accounts.AssertDenied(await soumu.Client.GetAsync(ActualsUrl(_ena.Shoukou)));
        Accounts.AssertChallenged(await fixture.Factory.NewUser().Client.GetAsync(ActualsUrl(_ena.Soumu)));
    }

    [Fact]
    public async Task The_secretariat_records_statistics_with_the_national_rate_and_judges_the_qualitative_target()
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var form = await secretariat.GetAsync(ActualsUrl(_ena.Shoukou));
        Assert.NotNull(form.QuerySelector("select[name='Rows[0].Judgement']"));
        Assert.Null(form.QuerySelector("button[formaction*='Save']"));
        await secretariat.PostAndReadAsync(ActualsUrl(_ena.Shoukou) + "?handler=Submit", Row(0, "FY2024", "45.5%", "42.1"));
        Assert.Equal([(new FiscalYear(2024), 45.5m, ActualState.Submitted)], await Stored(_ena.Shoukou));
        var detail = await fixture.Factory.NewUser().GetAsync($"/plans/{_ena.Plan}/indicators/{_ena.Shoukou}");
        Assert.Contains("未判定", detail.QuerySelector("dl")!.TextContent);
        Assert.Contains("全国平均", detail.QuerySelector("table.indicator-years thead")!.TextContent);
        Assert.Contains("42.1%", detail.QuerySelector("table.indicator-years tbody")!.TextContent);

        await secretariat.PostAndReadAsync(ActualsUrl(_ena.Shoukou) + "?handler=Submit", Row(0, "FY2024", "45.5", "42.1", "Achieved"));
        detail = await fixture.Factory.NewUser().GetAsync($"/plans/{_ena.Plan}/indicators/{_ena.Shoukou}");
        Assert.Contains("達成", detail.QuerySelector("dl .status")!.TextContent);
    }

    [Fact]
    public async Task Hyogos_layout_downloads_as_page_workbook_and_csv_with_one_row_per_indicator()
    {
        var hyogo = await fixture.Factory.PlanIdAsync("280003", 5);
        var query = "template=" + Uri.EscapeDataString(ReportTemplate.Hyogo);
        var anonymous = fixture.Factory.NewUser();
        var page = await anonymous.GetAsync($"/plans/{hyogo}/report/FY2021?{query}");
        var table = page.QuerySelector("table.progress-sheet")!;
        Assert.Equal(["行動", "番号", "活動指標", "担当課", "基準値", "令和3年度までの直近の実績", "目標", "達成度", "状況"],
            table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal(15, rows.Count);
        Assert.Equal(["行動7", "⑩", "保護観察対象者等への雇用導入支援件数(累計)【新】", "労政福祉課", "23件 (2017)", "実績なし", "62件 (2021)", "-", "実績なし"], rows[9]);
        Assert.Equal("89%（全国 85.8%） (2017)", rows[3][4]);
        Assert.Equal("全国平均以上 (2021)", rows[3][6]);

        var response = await anonymous.Client.GetAsync($"/plans/{hyogo}/report/FY2021?handler=xlsx&{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var strings = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText
                ?? string.Concat(document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText));
            Assert.Contains("サイバー犯罪被害防止教室の開催回数(累計)", strings);
        }
        var csv = await anonymous.Client.GetByteArrayAsync($"/plans/{hyogo}/report/FY2021?handler=csv&{query}");
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16, lines.Length);
        Assert.StartsWith("行動1,①,まちづくり防犯グループの結成数,地域安全課,2,329グループ", lines[1].Replace("\"", ""));
    }

    [Fact]
    public async Task Open_data_carries_the_indicators_with_submitted_actuals_only()
    {
        var soumu = await fixture.Factory.SignedInAsync(CycleFixture.Soumu);
        await soumu.PostAndReadAsync(ActualsUrl(_ena.Soumu) + "?handler=Submit", Row(0, "FY2023", "8"));
        var shoukou = await fixture.Factory.SignedInAsync(CycleFixture.Others);
        await shoukou.PostAndReadAsync(ActualsUrl(_ena.Shoukou) + "?handler=Save", Row(0, "FY2023", "41"));
        var anonymous = fixture.Factory.NewUser();
        using var json = System.Text.Json.JsonDocument.Parse(await anonymous.Client.GetByteArrayAsync($"/plans/{_ena.Plan}/opendata?handler=json"));
        var indicator = json.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == IndicatorSetup.Cumulative);
        Assert.Equal("FY2023", indicator.GetProperty("actuals").EnumerateArray().Single().GetProperty("fiscalYear").GetString());
        Assert.Equal(18m, indicator.GetProperty("current").GetDecimal());
        Assert.Equal("Behind", indicator.GetProperty("status").GetString()); // the path is at 20 in FY2023

        using var api = System.Text.Json.JsonDocument.Parse(await anonymous.Client.GetByteArrayAsync($"/api/v1/plans/{_ena.Plan}/indicators"));
        var fromApi = api.RootElement.EnumerateArray().Single(i => i.GetProperty("code").GetString() == IndicatorSetup.Cumulative);
        Assert.Equal(2023, fromApi.GetProperty("actuals").EnumerateArray().Single().GetProperty("fiscalYear").GetInt32());
        Assert.Equal("behind", fromApi.GetProperty("assessment").GetProperty("status").GetString());

        var csv = await anonymous.Client.GetByteArrayAsync($"/plans/{_ena.Plan}/opendata?handler=indicatorsCsv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("212105,恵那市,恵那市再犯防止推進計画,①,協力雇用主の新規登録数,社,(1),総務課,Cumulative,HigherIsBetter,FY2022,10,FY2024,30,FY2023,8,,,,", lines[1]);
    }

    private async Task<IDocument> UploadAsync(WebUser user, string csv)
    {
        var url = $"/plans/{_ena.Plan}/indicators/import";
        var form = await user.GetAsync(url);
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", "indicators.csv" },
        };
        var response = await user.Client.PostAsync(url + "?handler=Preview", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
    }

    [Fact]
    public async Task The_secretariat_imports_an_indicator_sheet_after_a_preview()
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var preview = await UploadAsync(secretariat, "番号,指標,R4,R5,R6\r\n①,協力雇用主の新規登録数,10,7,6社\r\n②,就職率,40,41.5,43\r\n");
        Assert.Equal(4, preview.QuerySelectorAll("table.import-rows tbody tr").Length);
        Assert.Empty(await Stored(_ena.Soumu));

        var uploadId = preview.QuerySelector("input[name='UploadId']")!.GetAttribute("value")!;
        var done = await secretariat.PostAndReadAsync($"/plans/{_ena.Plan}/indicators/import?handler=Commit", [new("UploadId", uploadId)], $"/plans/{_ena.Plan}/indicators/import");
        Assert.Contains("4件を取り込みました", done.QuerySelector(".notice")!.TextContent);
        Assert.Equal([(new FiscalYear(2023), 7m, ActualState.Submitted), (new FiscalYear(2024), 6m, ActualState.Submitted)], await Stored(_ena.Soumu));
    }

    [Fact]
    public async Task An_indicator_sheet_with_a_bad_cell_names_it_and_cannot_be_committed()
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var preview = await UploadAsync(secretariat, "番号,指標,R5,R6\r\n①,協力雇用主の新規登録数,7,たくさん\r\n③,存在しない指標,1,2\r\n");
        var problems = preview.QuerySelectorAll("ul.import-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains("2行目", problems[0]);
        Assert.Contains("D列", problems[0]);
        Assert.Contains("数値で入力してください", problems[0]);
        Assert.Contains("存在しない指標", problems[1]);
        Assert.Null(preview.QuerySelector("input[name='UploadId']"));
        Assert.Empty(await Stored(_ena.Soumu));
    }

    [Fact]
    public async Task Komaes_yearly_targets_are_compared_with_each_years_results_on_the_measure_page_and_in_its_layout()
    {
        const string Progress = "ホームページに掲載し、チラシを公共施設に配架した。";
        var komae = await fixture.Factory.PlanIdAsync("132195");
        var measureId = await fixture.Factory.QueryAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.ReportingYears).Include(p => p.Measures).ThenInclude(m => m.Entries).SingleAsync(p => p.Id == komae);
            var measure = plan.Measures.Single(m => m.Key == "1-1-1");
            measure.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("R6")).TargetProgress = Progress;
            plan.RecordPublishedYears();
            await db.SaveChangesAsync();
            return measure.Id;
        });
        var page = await fixture.Factory.NewUser().GetAsync($"/measures/{measureId}");
        var rows = page.QuerySelectorAll("table.targets tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["令和6年度", "ホームページ及びチラシの作成", Progress, "-"], rows[0]);
        Assert.Equal("未報告", rows[1][2]);

        var sheet = await fixture.Factory.NewUser().GetAsync($"/plans/{komae}/report/R6?template={Uri.EscapeDataString(ReportTemplate.Komae)}");
        var headings = sheet.QuerySelectorAll("table.progress-sheet thead th").Select(th => th.TextContent).ToList();
        var column = headings.IndexOf("R6取組目標に対する実績");
        Assert.Equal(headings.IndexOf("R6取組目標") + 1, column);
        var first = sheet.QuerySelectorAll("table.progress-sheet tbody tr").First(r => r.QuerySelector("td.col-code")!.TextContent == "1-1-1");
        Assert.Equal(Progress, first.QuerySelectorAll("td")[column].TextContent);
    }

    private static IEnumerable<KeyValuePair<string, string>> Definition(string code, string baselineYear, string baseline, string targetYear, string target, string unit = "人") =>
    [
        new("Input.Code", code), new("Input.Name", "再犯者数"), new("Input.Unit", unit), new("Input.Kind", "Snapshot"), new("Input.Direction", "LowerIsBetter"),
        new("Input.BaselineFrom", baselineYear), new("Input.BaselineValue", baseline), new("Input.Targets[0].Year", targetYear), new("Input.Targets[0].Value", target),
    ];

    [Theory]
    [InlineData("R4", "120", "R9", "100", "Input.Targets[0].Year", "計画期間")]
    [InlineData("R4", "", "R6", "100", "Input.BaselineValue", "基準値がありません")]
    [InlineData("R4", "百二十", "R6", "100", "Input.BaselineValue", "数値で入力してください")]
    [InlineData("R4", "120", "R6", "100件", "Input.Targets[0].Value", "単位が違います")]
    [InlineData("令和四年", "120", "R6", "100", "Input.BaselineFrom", "年度は")]
    public async Task A_bad_definition_is_named_beside_its_field_and_nothing_is_stored(string baselineYear, string baseline, string targetYear, string target, string field, string message)
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var url = $"/plans/{_ena.Plan}/indicators/edit";
        var page = await secretariat.PostAndReadAsync(url, Definition("③", baselineYear, baseline, targetYear, target));
        Assert.NotNull(page.QuerySelector(".notice--error[role='alert']"));
        var input = page.QuerySelector($"input[name='{field}']")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains(message, page.QuerySelector("#" + input.GetAttribute("aria-describedby")!.Split(' ').Last())!.TextContent);
        Assert.Equal(2, await fixture.Factory.QueryAsync(db => db.Indicators.CountAsync(i => i.PlanId == _ena.Plan)));
    }

    [Fact]
    public async Task The_secretariat_adds_an_outcome_indicator_and_cannot_change_a_unit_once_counted()
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var detail = await secretariat.PostAndReadAsync($"/plans/{_ena.Plan}/indicators/edit", Definition("③", "R4", "120", "R6", "100"));
        Assert.Equal("③ 再犯者数", detail.QuerySelector("h1")!.TextContent);
        Assert.Contains("減らす", detail.QuerySelector("dl")!.TextContent);
        var added = await fixture.Factory.QueryAsync(db => db.Indicators.SingleAsync(i => i.PlanId == _ena.Plan && i.Code == "③"));
        Assert.Null(added.NodeId);
        try
        {
            var soumuForm = $"/plans/{_ena.Plan}/indicators/edit/{_ena.Soumu}";
            await secretariat.PostAndReadAsync(ActualsUrl(_ena.Soumu) + "?handler=Submit", Row(0, "FY2023", "4"));
            var page = await secretariat.PostAndReadAsync(soumuForm, Definition("①", "R4", "10", "R6", "30", unit: "件").Where(f => f.Key != "Input.Code"));
            Assert.Contains("単位を「件」に変えられません", page.QuerySelector(".notice--error")!.TextContent);
            Assert.Equal("社", await fixture.Factory.QueryAsync(db => db.Indicators.Where(i => i.Id == _ena.Soumu).Select(i => i.Unit).SingleAsync()));
        }
        finally
        {
            await fixture.Factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"Indicators\" WHERE \"Id\" = {0}", added.Id));
        }
    }

    [Fact]
    public async Task A_ratio_defined_on_the_form_is_computed_from_its_two_indicators_and_takes_no_actuals()
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        await secretariat.PostAndReadAsync(ActualsUrl(_ena.Soumu) + "?handler=Submit", Row(0, "FY2023", "6"));
        await secretariat.PostAndReadAsync(ActualsUrl(_ena.Shoukou) + "?handler=Submit", Row(0, "FY2023", "40"));
        var fields = Definition("③", "R4", "20", "R6", "10", unit: "%").Where(f => f.Key != "Input.Name")
            .Concat([new("Input.Name", "比率"), new("Input.NumeratorId", _ena.Soumu.ToString()), new("Input.DenominatorId", _ena.Shoukou.ToString()), new("Input.RatioScale", "100")]);
        var detail = await secretariat.PostAndReadAsync($"/plans/{_ena.Plan}/indicators/edit", fields);
        var added = await fixture.Factory.QueryAsync(db => db.Indicators.SingleAsync(i => i.PlanId == _ena.Plan && i.Code == "③"));
        try
        {
            Assert.Contains("① 協力雇用主の新規登録数 ÷ ② 就職率 × 100", detail.QuerySelector("dl")!.TextContent);
            Assert.Contains("15%", detail.QuerySelector("table.indicator-years tbody")!.TextContent); // 6 ÷ 40 × 100
            Assert.Equal(HttpStatusCode.NotFound, (await secretariat.Client.GetAsync(ActualsUrl(added.Id))).StatusCode);
        }
        finally
        {
            await fixture.Factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"Indicators\" WHERE \"Id\" = {0}", added.Id));
        }
    }

    [Fact]
    public async Task Hyogos_layout_prints_to_a_pdf_with_the_indicator_names()
    {
        var hyogo = await fixture.Factory.PlanIdAsync("280003", 5);
        var response = await fixture.Factory.NewUser().Client.GetAsync($"/plans/{hyogo}/report/FY2021?handler=pdf&template={Uri.EscapeDataString(ReportTemplate.Hyogo)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = ExternalTools.PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("まちづくり防犯グループの結成数", text);
        Assert.Contains("地域安全SOSキャッチ電話相談つなぎ件数", text);
    }
}

public sealed class SqliteIndicatorPageTests(SqliteCycle fixture) : IndicatorPageTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresIndicatorPageTests(PostgresCycle fixture) : IndicatorPageTests(fixture), IClassFixture<PostgresCycle>;
