using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Tests.Indicators;
using Ayumi.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>Chromium with its own database: Ena's two test indicators and 総務課's editor.</summary>
public sealed class IndicatorBrowserFixture : IAsyncLifetime
{
    public const string Soumu = "soumu@ena.example.jp";
    public const string Secretariat = "jimukyoku@ena.example.jp";

    public BrowserFixture Chromium { get; } = new();
    public AyumiFactory Factory => Chromium.Factory;
    public (int Plan, int Soumu, int Shoukou) Ena { get; private set; }

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        await Factory.CreateAsync(Soumu, "212105", MemberRole.DepartmentEditor, "総務課");
        await Factory.CreateAsync(Secretariat, "212105", MemberRole.Secretariat);
        Ena = await IndicatorSetup.AddToEnaAsync(Factory);
    }

    public Task DisposeAsync() => Chromium.DisposeAsync();
}

/// <summary>The indicator pages in real Chromium: axe at desktop and phone widths, and a department entering its actuals with the keyboard's way through the form.</summary>
public sealed class IndicatorBrowserTests(IndicatorBrowserFixture fixture) : IClassFixture<IndicatorBrowserFixture>
{
    [Theory]
    [InlineData("indicators", "/plans/{hyogo}/indicators")]
    [InlineData("indicator", "/plans/{hyogo}/indicators/{tenth}")]
    [InlineData("indicator-sheet", "/plans/{hyogo}/report/FY2021?template=兵庫県型（活動指標の一覧）")]
    public async Task Indicator_pages_pass_axe_and_fit_a_phone(string what, string url)
    {
        var hyogo = await fixture.Factory.PlanIdAsync("280003", 5);
        var tenth = await fixture.Factory.QueryAsync(db => Task.FromResult(db.Indicators.Single(i => i.PlanId == hyogo && i.Code == "⑩").Id));
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync(url.Replace("{hyogo}", hyogo.ToString()).Replace("{tenth}", tenth.ToString()));
        Assert.Empty(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, what));
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my$"));
    }

    [Fact]
    public async Task The_secretariats_definition_form_and_sheet_import_pass_axe_with_their_errors_and_fit_a_phone()
    {
        var page = await fixture.Chromium.NewPageAsync();
        await SignInAsync(page, IndicatorBrowserFixture.Secretariat);
        await page.GotoAsync($"/plans/{fixture.Ena.Plan}/indicators");
        await page.GetByRole(AriaRole.Link, new() { Name = "指標を追加" }).ClickAsync();
        await page.GetByLabel("番号").FillAsync("③");
        await page.GetByLabel("指標名").FillAsync("再犯者数");
        await page.GetByLabel("単位").FillAsync("人");
        await page.GetByLabel("基準年度").FillAsync("R4");
        await page.GetByLabel("目標 1").FillAsync("100");
        await page.GetByLabel("年度 1").FillAsync("R9");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        var findings = await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "definition form with errors");
        await page.GotoAsync($"/plans/{fixture.Ena.Plan}/indicators/import");
        findings.AddRange(await Accessibility.ViolationsAsync(page, "indicator import"));
        // An earlier year typed below the listed ones, then the deletion and removal forms with their reasons.
        await page.GotoAsync($"/plans/{fixture.Ena.Plan}/indicators/{fixture.Ena.Shoukou}/actuals");
        await page.Locator("#extra-year").FillAsync("H30");
        await page.Locator("#extra-value").FillAsync("38.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "確定値として保存" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("実績を提出しました");
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "actuals with an earlier year and the deletion form"));
        await page.GotoAsync($"/plans/{fixture.Ena.Plan}/indicators/{fixture.Ena.Shoukou}");
        await Expect(page.Locator("figure svg rect.chart-mark")).ToHaveCountAsync(1);
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "indicator with a series before its baseline"));
        await page.GotoAsync($"/plans/{fixture.Ena.Plan}/indicators/edit/{fixture.Ena.Shoukou}");
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "definition form with its archive form"));
        Assert.Empty(findings);
    }

    [Fact]
    public async Task A_department_enters_its_actuals_is_told_what_is_wrong_and_then_sees_its_chart()
    {
        var page = await fixture.Chromium.NewPageAsync();
        await SignInAsync(page, IndicatorBrowserFixture.Soumu);

        await page.GotoAsync($"/plans/{fixture.Ena.Plan}/indicators");
        await page.GetByRole(AriaRole.Link, new() { Name = "協力雇用主の新規登録数" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "実績を入力" }).ClickAsync();
        await page.GetByLabel("令和5年度の実績").FillAsync("8人");
        await page.GetByRole(AriaRole.Button, new() { Name = "提出" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("何も保存していません");
        await Expect(page.Locator(".field-error")).ToContainTextAsync("単位が違います");
        var findings = (await Accessibility.ViolationsAsync(page, "actuals with an error")).ToList();

        await page.GetByLabel("令和5年度の実績").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "提出" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("実績を提出しました");
        findings.AddRange(await Accessibility.ViolationsAsync(page, "actuals submitted"));

        await page.GetByRole(AriaRole.Link, new() { Name = "指標に戻る" }).ClickAsync();
        await Expect(page.Locator("table.indicator-years tbody")).ToContainTextAsync("18社"); // 10 + 8
        await Expect(page.Locator("dl .status")).ToContainTextAsync("遅れ"); // the path is at 20 in FY2023
        findings.AddRange(await Accessibility.ViolationsAsync(page, "indicator with actuals"));
        Assert.Empty(findings);
    }
}
