using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ayumi.Tests.Browser;

/// <summary>A reader's way through the plans in real Chromium, and an axe scan of every page.</summary>
public sealed class UserJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reader_goes_from_the_list_of_organisations_to_a_measures_results()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal("団体と計画", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "恵那市", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "恵那市再犯防止推進計画" }).First.ClickAsync();
        Assert.Equal("恵那市再犯防止推進計画", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("12", await page.Locator("table.tally tr.total td").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "生活保護" }).ClickAsync();
        Assert.Contains("生活保護", await page.Locator("h1").InnerTextAsync());
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("A(予定通り進行)", main);
        Assert.Contains("95世帯111人", main);

        await page.GetByRole(AriaRole.Link, new() { Name = "恵那市再犯防止推進計画" }).ClickAsync();
        Assert.Equal("恵那市再犯防止推進計画", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task A_reader_switches_to_english_and_stays_on_the_same_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/organisations/040002");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        Assert.EndsWith("/organisations/040002", page.Url);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("Departments", await page.Locator("main").InnerTextAsync());
        await page.GotoAsync("/");
        Assert.Equal("Organisations and plans", await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "日本語" }).ClickAsync();
        Assert.Equal("団体と計画", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task The_year_selector_shows_the_grades_of_the_chosen_year()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "宮城県再犯防止推進計画" }).First.ClickAsync();
        await page.GetByLabel("年度").SelectOptionAsync(new SelectOptionValue { Value = "FY2023" });
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        Assert.Contains("year=FY2023", page.Url);
        Assert.Equal("FY2023", await page.GetByLabel("年度").InputValueAsync());
    }

    [Fact]
    public async Task The_plan_page_fits_a_phone_screen_without_sideways_scrolling_of_the_page()
    {
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "兵庫県" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "地域安全まちづくり推進計画（第5期）" }).First.ClickAsync();
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
    }

    public static TheoryData<string> Pages => ["/", "/organisations/040002", "/plans/1", "/plans/2", "/plans/3", "/plans/4", "/plans/5", "/plans/6", "/no-such-page", "/?culture=en"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_pass_axe_at_wcag_2_1_aa(string url)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(url);
        await AssertAccessible(page);
        var firstMeasure = page.Locator("a[href^='/measures/']").First;
        if (await firstMeasure.CountAsync() > 0)
        {
            await firstMeasure.ClickAsync();
            await AssertAccessible(page);
            await page.Locator("a[href^='/departments/']").First.ClickAsync();
            await AssertAccessible(page);
        }
    }

    private static async Task AssertAccessible(IPage page)
    {
        Assert.Empty(await Accessibility.ViolationsAsync(page, "page"));
    }
}
