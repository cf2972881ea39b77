using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>The progress sheet, its summaries, the matrix, open data, the plan comparison and a measure's history in real Chromium: the reader's way, the downloads, axe scans at desktop and phone widths.</summary>
public sealed class ReportBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reader_opens_the_progress_sheet_switches_layout_and_downloads_the_workbook()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "恵那市再犯防止推進計画" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "令和6年度の進行管理シート" }).ClickAsync();
        Assert.Equal("恵那市再犯防止推進計画 進行管理シート（令和6年度）", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(12, await page.Locator("table.progress-sheet tbody tr:not(.section)").CountAsync());

        await page.GetByLabel("様式").SelectOptionAsync(new SelectOptionValue { Label = Ayumi.Domain.ReportTemplate.Akita });
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        Assert.Equal("令和6年度取組予定", await page.Locator("table.progress-sheet thead th").Last.InnerTextAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel（.xlsx）" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [Fact]
    public async Task A_pdf_download_says_that_the_server_is_making_it_then_how_much_has_arrived_then_that_it_is_saved()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/plans/{await PlanIdAsync("040002")}/report/R5");
        await Expect(page.Locator("[data-download-progress]")).ToBeHiddenAsync();
        var statuses = await StatusLine.RecordAsync(page, "[data-download-status]");

        var screenshots = Environment.GetEnvironmentVariable("AYUMI_SCREENSHOTS");
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "PDF" }).ClickAsync();
            if (screenshots is { Length: > 0 })
            {
                await Expect(page.Locator("[data-download-detail]")).ToContainTextAsync("秒経過");
                await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "pdf-preparing.png") });
            }
        });
        if (screenshots is { Length: > 0 }) await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "pdf-saved.png") });

        Assert.EndsWith("_令和5年度_進行管理.pdf", download.SuggestedFilename);
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(await download.PathAsync()))[..4]);
        await Expect(page.Locator("[data-download-status]")).ToHaveTextAsync("PDFを保存しました。ブラウザーのダウンロード一覧から開けます。");
        await Expect(page.Locator("[data-download-progress] progress")).ToHaveAttributeAsync("value", "100");
        lock (statuses) Assert.Equal(["PDFを作成しています…", "PDFを受信しています…", "PDFを保存しました。ブラウザーのダウンロード一覧から開けます。"], statuses);
    }

    [Fact]
    public async Task A_download_the_server_refuses_is_reported_with_its_status_and_nothing_is_saved()
    {
        var page = await fixture.NewPageAsync();
        var plan = await PlanIdAsync("212105");
        await page.GotoAsync($"/plans/{plan}/report/R6");
        var downloads = 0;
        page.Download += (_, _) => downloads++;
        // As if the plan were deleted between showing the page and asking for the file.
        await page.Locator("a[data-download]").First.EvaluateAsync($"link => link.href = link.href.replace('/plans/{plan}/', '/plans/999999/')");

        await page.GetByRole(AriaRole.Link, new() { Name = "Excel（.xlsx）" }).ClickAsync();

        await Expect(page.Locator("[data-download-status]")).ToHaveTextAsync("Excel（.xlsx）を作成できませんでした（HTTP 404）。ページを読み込み直して、もう一度お試しください。");
        Assert.Equal(0, downloads);
    }

    [Fact]
    public async Task A_download_that_needs_sign_in_takes_the_reader_to_the_sign_in_page_and_back_to_the_file()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/plans/{await PlanIdAsync("212105")}/report/R6");
        // A year not yet published: the server asks a reader who is not signed in to sign in first.
        await page.Locator("a[data-download]").First.EvaluateAsync("link => link.href = link.href.replace('/report/FY2024', '/report/FY2027')");

        await page.GetByRole(AriaRole.Link, new() { Name = "Excel（.xlsx）" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Fplans%2F[0-9]+%2Freport%2FFY2027%3Fhandler%3Dxlsx"));
    }

    [Theory]
    [InlineData("sheet", "/plans/{ena}/report/R6?previous=true")]
    [InlineData("sheet-wide", "/plans/{miyagi}/report/R5")]
    [InlineData("summary", "/plans/{miyagi}/report/R5/summary")]
    [InlineData("matrix", "/plans/{komae}/matrix")]
    [InlineData("opendata", "/plans/{ena}/opendata")]
    [InlineData("compare", "/plans/{miyagi2}/compare")]
    [InlineData("measure-history", "/measures/{miyagi8}")]
    public async Task Report_pages_pass_axe_and_fit_a_phone(string what, string url)
    {
        var page = await fixture.NewPageAsync();
        var resolved = url.Replace("{ena}", (await PlanIdAsync("212105")).ToString())
            .Replace("{miyagi}", (await PlanIdAsync("040002")).ToString()).Replace("{komae}", (await PlanIdAsync("132195")).ToString())
            .Replace("{miyagi2}", (await PlanIdAsync("040002", 2)).ToString()).Replace("{miyagi8}", (await SecondPlanMeasureIdAsync("8")).ToString());
        await page.GotoAsync(resolved);
        Assert.Empty(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, what));
    }

    private Task<int> PlanIdAsync(string code, int generation = 1) => fixture.Factory.PlanIdAsync(code, generation);

    /// <summary>A measure of Miyagi's 2nd plan, whose page shows the lineage and history that lead to it from the 1st plan.</summary>
    private async Task<int> SecondPlanMeasureIdAsync(string key)
    {
        var plan = await PlanIdAsync("040002", 2);
        return await fixture.Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == plan && m.Key == key).Select(m => m.Id).SingleAsync());
    }
}
