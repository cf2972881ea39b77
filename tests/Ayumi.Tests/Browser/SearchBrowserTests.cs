using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>The search of all published plans in real Chromium: a reader's search with a filter, the marked matches, axe at desktop and phone widths.</summary>
public sealed class SearchBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reader_searches_all_plans_from_the_header_filters_by_kind_and_sees_the_matches_marked_and_the_page_passes_axe()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "横断検索" }).ClickAsync();
        await page.GetByLabel("検索する語句").FillAsync("就労");
        await page.GetByLabel("団体の区分").SelectOptionAsync(new SelectOptionValue { Label = "市区町村" });
        await page.GetByRole(AriaRole.Button, new() { Name = "検索", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("「就労」の検索結果");
        var marks = page.Locator(".search-result mark");
        Assert.True(await marks.CountAsync() > 0);
        Assert.All(await marks.AllTextContentsAsync(), text => Assert.Equal("就労", text));
        Assert.DoesNotContain("宮城県", await page.Locator(".search-result__where").AllTextContentsAsync());
        Assert.Empty(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "search"));

        await page.GotoAsync("/search?q=%E6%94%AF%E6%8F%B4");
        await page.GetByRole(AriaRole.Link, new() { Name = "次のページ" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("page=2"));
        await Expect(page.Locator(".pager span")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^2 / "));
        Assert.Empty(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "search, page 2"));
    }
}
