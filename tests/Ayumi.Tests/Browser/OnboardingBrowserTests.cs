using System.Text.RegularExpressions;
using Ayumi.Tests.Organisations;
using Ayumi.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>Ayumi in Chromium on an empty database (demo data off), with one administrator.</summary>
public sealed class OnboardingBrowserFixture : IAsyncLifetime
{
    public BrowserFixture Chromium { get; } = new() { Settings = new Dictionary<string, string> { ["Ayumi:DemoData"] = "false" } };

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        await Chromium.Factory.CreateAsync(OnboardingFixture.Administrator, "", null);
    }

    public Task DisposeAsync() => Chromium.DisposeAsync();
}

/// <summary>
/// A municipality starts alone, on the web: the administrator creates 恵那市 from the national
/// list and invites its secretariat, who sets up the plan with the A–D scale. The new pages pass
/// axe at a laptop's and a phone's width.
/// </summary>
public sealed class OnboardingBrowserTests(OnboardingBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<OnboardingBrowserFixture>
{
    [Fact]
    public async Task The_administrator_creates_Ena_from_the_list_and_its_secretariat_creates_the_plan_on_accessible_pages()
    {
        var admin = await fixture.Chromium.NewPageAsync();
        var pageLoads = 0;
        admin.Load += (_, _) => pageLoads++;
        await SignInAsync(admin, OnboardingFixture.Administrator);

        await admin.GetByRole(AriaRole.Link, new() { Name = "団体を追加" }).ClickAsync();
        var findings = await Accessibility.AtLaptopAndPhoneWidthsAsync(admin, "organisation search");
        await admin.GetByLabel("団体名・よみがな・団体コード").FillAsync("えなし");
        await admin.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Row, new() { Name = "岐阜県恵那市" })).ToContainTextAsync("48,371");
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(admin, "organisation search results"));
        await admin.GetByRole(AriaRole.Button, new() { Name = "岐阜県恵那市を追加" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("恵那市を追加しました");
        await Expect(admin.Locator(".summary-list")).ToContainTextAsync("48,371人");
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(admin, "new organisation"));

        var invitation = await EnaOnboarding.InviteSecretariatAsync(admin);
        var adminLoads = pageLoads;

        var secretariat = await fixture.Chromium.NewPageAsync();
        secretariat.Load += (_, _) => pageLoads++;
        await EnaOnboarding.AcceptInvitationAsync(secretariat, invitation);

        await secretariat.GotoAsync("/organisations/212105");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "計画を作成" }).ClickAsync();
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(secretariat, "new plan"));
        await secretariat.GetByLabel("計画期間の初年度").FillAsync("令和6年度");
        await secretariat.GetByLabel("計画期間の最終年度").FillAsync("R10");
        await secretariat.GetByLabel("体系の階層（上位から）").FillAsync("具体的な取り組み");
        await secretariat.GetByLabel("取組の呼び方").FillAsync("事業");
        await secretariat.Locator("#scale-A-D").CheckAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "計画を作成" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("恵那市再犯防止推進計画を作成しました");
        var summary = secretariat.Locator(".summary-list");
        await Expect(summary).ToContainTextAsync("令和6年度～令和10年度");
        await Expect(summary).ToContainTextAsync("具体的な取り組み → 事業");
        await Expect(summary).ToContainTextAsync("A(予定通り進行)、B(予定を変更、修正して進行)、C(予定通り進行していない)、D(その他)");

        await secretariat.GetByRole(AriaRole.Link, new() { Name = "計画の設定" }).ClickAsync();
        await Expect(secretariat.Locator("#scale-A-D")).ToBeCheckedAsync();
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(secretariat, "plan settings"));
        output.WriteLine($"page loads: {adminLoads} for the administrator, {pageLoads - adminLoads} for the secretariat");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await page.GotoAsync("/");
    }
}
