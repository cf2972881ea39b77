using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>Chromium with its own database holding Ena's secretariat.</summary>
public sealed class TaggingBrowserFixture : IAsyncLifetime
{
    public const string Secretariat = "jimukyoku@ena.example.jp";

    public BrowserFixture Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        await Chromium.Factory.CreateAsync(Secretariat, "212105", MemberRole.Secretariat);
    }

    public Task DisposeAsync() => Chromium.DisposeAsync();
}

/// <summary>Ena's secretariat corrects a measure's priority issues on the tagging page; the page and the measure's page pass axe at 1280 and 390 px.</summary>
public sealed class TaggingBrowserTests(TaggingBrowserFixture fixture) : IClassFixture<TaggingBrowserFixture>
{
    [Fact]
    public async Task The_secretariat_corrects_a_suggestion_on_the_tagging_page_and_every_page_passes_axe_at_laptop_and_phone_widths()
    {
        var violations = new List<string>();
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync(TaggingBrowserFixture.Secretariat);
        await page.GetByLabel("パスワード").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my$"));

        await page.GotoAsync($"/plans/{await fixture.Chromium.Factory.PlanIdAsync("212105")}");
        await page.GetByRole(AriaRole.Link, new() { Name = "重点課題の分類" }).ClickAsync();
        violations.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "tagging page"));

        var measure = page.Locator("section.tag-measure").Filter(new() { HasText = "生活保護" });
        await measure.GetByLabel("6 地域による包摂の推進").CheckAsync();
        await measure.GetByRole(AriaRole.Button, new() { Name = "確認して保存" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("の重点課題を保存しました");
        await Expect(page.Locator("section.tag-measure").Filter(new() { HasText = "生活保護" }).Locator(".tag-state")).ToContainTextAsync("が確認");
        violations.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "tagging page after saving"));

        await page.Locator("section.tag-measure").Filter(new() { HasText = "生活保護" }).GetByRole(AriaRole.Link, new() { Name = "生活保護" }).ClickAsync();
        await Expect(page.Locator(".issue-tags").First).ToContainTextAsync("6 地域による包摂の推進");
        violations.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "measure page with its priority issues"));

        await page.GotoAsync("/priority-issues");
        violations.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "priority issues"));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
