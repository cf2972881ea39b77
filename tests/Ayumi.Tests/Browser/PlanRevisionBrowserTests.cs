using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>Chromium with its own database holding Miyagi's secretariat, so that no other class sees the plan drafted here.</summary>
public sealed class PlanRevisionBrowserFixture : IAsyncLifetime
{
    public const string Secretariat = "jimukyoku@miyagi.example.jp";

    public BrowserFixture Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        await Chromium.Factory.CreateAsync(Secretariat, "040002", MemberRole.Secretariat);
    }

    public Task DisposeAsync() => Chromium.DisposeAsync();
}

/// <summary>Miyagi's secretariat drafts the third plan, records a lineage link, rewords a measure, compares and publishes; every page passes axe.</summary>
public sealed class PlanRevisionBrowserTests(PlanRevisionBrowserFixture fixture) : IClassFixture<PlanRevisionBrowserFixture>
{
    private readonly List<string> _violations = [];

    [Fact]
    public async Task The_secretariat_drafts_links_rewords_compares_and_publishes_the_next_plan()
    {
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync(PlanRevisionBrowserFixture.Secretariat);
        await page.GetByLabel("パスワード").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my$"));

        await page.GotoAsync($"/plans/{await fixture.Chromium.Factory.PlanIdAsync("040002", 2)}");
        await page.GetByRole(AriaRole.Link, new() { Name = "次期計画の案を作成" }).ClickAsync();
        await ScanAsync(page, "draft form");
        await page.GetByLabel("計画名").FillAsync("第三次宮城県再犯防止推進計画");
        await page.GetByRole(AriaRole.Button, new() { Name = "案を作成" }).ClickAsync();
        await Expect(page.Locator(".plan-status .badge")).ToHaveTextAsync("案");
        await ScanAsync(page, "draft plan");

        await page.GetByRole(AriaRole.Link, new() { Name = "保護観察少年に対する職業定着支援" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "系譜の編集" }).ClickAsync();
        await page.GetByLabel("引き継ぎ先").SelectOptionAsync(new SelectOptionValue { Label = "2 就労準備支援事業(生活困窮者自立支援制度)" });
        await page.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "統合" });
        await page.GetByLabel("適用年度").FillAsync("令和20年度");
        await page.GetByRole(AriaRole.Button, new() { Name = "系譜を追加" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("どちらの計画期間");
        await ScanAsync(page, "lineage form with a refusal");

        await page.GotoAsync(page.Url.Replace("/lineage", "/edit"));
        await page.GetByLabel("事業名").FillAsync("保護観察少年等に対する職業定着支援");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("保護観察少年等に対する職業定着支援");
        await ScanAsync(page, "draft measure");

        await page.GetByRole(AriaRole.Link, new() { Name = "第三次宮城県再犯防止推進計画" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "前計画との比較" }).ClickAsync();
        await Expect(page.Locator("table.compare-measures tr.compare-changed ins")).ToHaveTextAsync("等");
        await ScanAsync(page, "draft comparison");

        await page.GetByRole(AriaRole.Link, new() { Name = "第三次宮城県再犯防止推進計画" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "この案を計画として公開" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("現行計画になりました");
        await Expect(page.Locator(".plan-status .badge")).ToHaveTextAsync("現行計画");
        await ScanAsync(page, "published plan");
        Assert.Empty(_violations);
    }

    private async Task ScanAsync(IPage page, string what) => _violations.AddRange(await Accessibility.ViolationsAsync(page, what));
}
