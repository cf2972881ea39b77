using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Tests.Import;
using Ayumi.Tests.Web;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>Ayumi and Chromium as in <see cref="BrowserFixture"/>, with its own SQLite database and Ena City's secretariat.</summary>
public sealed class ImportBrowserFixture : IAsyncLifetime
{
    public const string Secretariat = "jimukyoku@ena.example.jp";

    public BrowserFixture Chromium { get; } = new();
    public AyumiFactory Factory => Chromium.Factory;

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        await Factory.CreateAsync(Secretariat, "212105", MemberRole.Secretariat);
    }

    public Task DisposeAsync() => Chromium.DisposeAsync();
}

/// <summary>
/// Ena City's secretariat imports a progress sheet in real Chromium: the upload with its progress,
/// the preview with its counts and problems, the commit, and for a sheet whose headings mean nothing
/// the column mapping saved under a name. The three pages are scanned by axe at WCAG 2.1 AA and must
/// fit a phone's width.
/// </summary>
/// <remarks>With <c>AYUMI_SCREENSHOTS</c> set to a folder, every scanned page is also saved there at 1280 px and 390 px.</remarks>
public sealed class ImportBrowserTests(ImportBrowserFixture fixture) : IClassFixture<ImportBrowserFixture>
{
    private const string Organisation = "/organisations/212105";
    private const string RenamedDepartment = "建築住宅課（住宅係）";
    /// <summary>How the preview shows it, with its width normalised.</summary>
    private const string RenamedShown = "建築住宅課(住宅係)";

    /// <summary>Every axe violation and overflow found on the way, reported together at the end.</summary>
    private readonly List<string> _findings = [];

    [Fact]
    public async Task The_next_years_sheet_is_uploaded_with_progress_previewed_with_its_problems_and_committed()
    {
        var page = await SignedInPageAsync();
        await OpenUploadPageAsync(page);
        await CheckAsync(page, "upload");

        // 建築住宅課 is written differently this year, so the preview warns and offers to map it.
        var sheet = ImportWebTests.EnaNextYear(t => t.Replace("\t建築住宅課\t", $"\t{RenamedDepartment}\t"));
        var statuses = await UploadAsync(page, "ena-r7.txt", sheet);
        Assert.Contains(statuses, s => s.StartsWith("アップロード中", StringComparison.Ordinal) || s.StartsWith("ファイルを読み込んで", StringComparison.Ordinal));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("取り込み内容の確認");
        var counts = page.GetByRole(AriaRole.Table, new() { Name = "作成・更新される件数" });
        await Expect(counts.GetByRole(AriaRole.Row).Filter(new() { HasText = "年度の記録" })).ToContainTextAsync("12");
        var problems = page.Locator("table.import-problems");
        await Expect(problems).ToContainTextAsync(RenamedShown);
        await Expect(problems.Locator("tbody tr.problem--error")).ToHaveCountAsync(0);
        await CheckAsync(page, "preview with a warning and a department to map");

        await page.GetByLabel(RenamedShown).SelectOptionAsync(new SelectOptionValue { Label = "建築住宅課" });
        await page.GetByRole(AriaRole.Button, new() { Name = "この内容で取り込む" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "取り込みました" })).ToContainTextAsync("ena-r7.txt を取り込みました。");
        await CheckAsync(page, "preview after the commit");
        await page.GetByRole(AriaRole.Link, new() { Name = "団体のページへ戻る" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{Organisation}$"));

        Assert.True(_findings.Count == 0, string.Join(Environment.NewLine, _findings));
    }

    [Fact]
    public async Task A_sheet_with_unknown_headings_is_mapped_column_by_column_and_then_recognised()
    {
        var page = await SignedInPageAsync();
        await OpenUploadPageAsync(page);
        var sheet = ImportWebTests.EnaNextYear(t => t.Replace("基本目標\t基本方針\t具体的な取り組み\t事業\t担当課\t内容\tR7評価\tR7実施内容\tR8実施予定",
            string.Join('\t', Enumerable.Range(1, 9).Select(i => $"列{i}"))));
        await UploadAsync(page, "ena-columns.txt", sheet);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("エラーがあるため、何も保存していません");
        await Expect(page.Locator("table.import-problems tbody tr.problem--error")).Not.ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "この内容で取り込む" })).ToHaveCountAsync(0);
        await CheckAsync(page, "preview with errors");

        await page.GetByRole(AriaRole.Link, new() { Name = "列の対応を指定する" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("列の対応の指定");
        await Expect(page.GetByLabel("見出しの行")).ToHaveValueAsync("5");
        await CheckAsync(page, "column mapping");

        (string Column, string Field, string? Year)[] mapping =
        [
            ("列1", "基本目標", null), ("列2", "施策・基本方針", null), ("列3", "番号", null), ("列4", "取組名・事業名", null),
            ("列5", "担当課", null), ("列6", "取組内容・事業の内容", null), ("列7", "評価", "指定した年度"),
            ("列8", "実施内容・実績", "指定した年度"), ("列9", "取組予定・計画", "翌年度"),
        ];
        foreach (var (column, field, year) in mapping)
        {
            await page.GetByLabel(column, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = field });
            if (year is not null)
                await page.GetByLabel($"「{column}」の年度").SelectOptionAsync(new SelectOptionValue { Label = year });
        }
        await page.GetByLabel("年度", new() { Exact = true }).FillAsync("令和7年度");
        await page.GetByLabel("対応の名前").FillAsync("恵那市 進行管理シート（列番号）");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して確認画面へ" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("取り込み内容の確認");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(page.Locator(".summary-list")).ToContainTextAsync("恵那市 進行管理シート（列番号）");
        // 12 yearly records, new or (when the other test has committed them already) unchanged.
        var entries = await page.GetByRole(AriaRole.Table, new() { Name = "作成・更新される件数" }).GetByRole(AriaRole.Row)
            .Filter(new() { HasText = "年度の記録" }).Locator("td").AllInnerTextsAsync();
        Assert.Equal(12, entries.Where(t => t != "-").Sum(int.Parse));
        await Expect(page.Locator("table.import-rows tbody tr")).Not.ToHaveCountAsync(0);

        // The saved mapping is offered on the upload page next time.
        await page.GotoAsync($"{Organisation}/import");
        await Expect(page.GetByLabel("列の対応")).ToContainTextAsync("恵那市 進行管理シート（列番号）");
        await CheckAsync(page, "upload with a saved mapping");

        Assert.True(_findings.Count == 0, string.Join(Environment.NewLine, _findings));
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync(ImportBrowserFixture.Secretariat);
        await page.GetByLabel("パスワード").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my$"));
        return page;
    }

    private static async Task OpenUploadPageAsync(IPage page)
    {
        await page.GotoAsync(Organisation);
        await page.GetByRole(AriaRole.Link, new() { Name = "進行管理シートを取り込む" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{Organisation}/import$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("進行管理シートの取り込み");
        await Expect(page.Locator("[data-upload-progress]")).ToBeHiddenAsync();
    }

    /// <summary>
    /// Chooses the file and asks for the preview, with the upload slowed down so that the progress
    /// can be seen; returns every text the status line showed on the way.
    /// </summary>
    private static async Task<List<string>> UploadAsync(IPage page, string fileName, byte[] content)
    {
        var statuses = await StatusLine.RecordAsync(page, "#upload-status");
        await page.GetByLabel("ファイル").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/plain", Buffer = content });
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 50, ["downloadThroughput"] = -1, ["uploadThroughput"] = content.Length,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" }).ClickAsync();
        await Expect(page.Locator("progress")).ToBeVisibleAsync();
        if (Environment.GetEnvironmentVariable("AYUMI_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"uploading-{fileName}-1.png") });
            try
            {
                await page.WaitForFunctionAsync("() => !/ 0%$/.test(document.getElementById('upload-status').textContent)");
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"uploading-{fileName}-2.png") });
            }
            catch (PlaywrightException) { } // already on the preview
        }
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" })).ToBeDisabledAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{Organisation}/import/[0-9a-f]{{32}}$"), new() { Timeout = 30_000 });
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });
        await cdp.DetachAsync();
        lock (statuses) return [.. statuses];
    }

    /// <summary>
    /// Runs axe with the WCAG 2.1 A and AA rules at 1280 px and at a phone's 390 px (where wide tables
    /// scroll), checks that the page fits the phone, and keeps what is wrong.
    /// </summary>
    private async Task CheckAsync(IPage page, string what)
    {
        var path = new Uri(page.Url).PathAndQuery;
        var folder = Environment.GetEnvironmentVariable("AYUMI_SCREENSHOTS");
        var name = Regex.Replace(what, @"\W+", "-");
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            _findings.AddRange(await Accessibility.ViolationsAsync(page, $"{what} at {width}px"));
            if (width == 390 && await Accessibility.OverflowAsync(page) is > 0 and var overflow)
                _findings.Add($"{what} ({path}): the page is {overflow}px wider than a 390px screen");
            if (folder is not { Length: > 0 }) continue;
            // A phone's page is long: saved in screenfuls that stay readable.
            var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
            for (var (top, part) = (0, 1); top < height; top += 1200, part++)
                await page.ScreenshotAsync(new()
                {
                    Path = Path.Combine(folder, $"{name}-{width}-{part}.png"), FullPage = true,
                    Clip = new() { X = 0, Y = top, Width = width, Height = Math.Min(1200, height - top) },
                });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }
}
