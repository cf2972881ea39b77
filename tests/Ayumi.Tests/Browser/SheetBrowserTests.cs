using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.Playwright;

namespace Ayumi.Tests.Browser;

/// <summary>The progress sheet and the tables of measures as they are read: on a laptop, on a phone, and the main button once visited.</summary>
public sealed class SheetBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Each seed's layout on a plan the public may read in it (Komae's layout lists Ena's measures: Komae's years are not published).</summary>
    [Theory]
    [InlineData("212105", "R6", ReportTemplate.Ena)]
    [InlineData("040002", "R5", ReportTemplate.Miyagi)]
    [InlineData("052019", "R3", ReportTemplate.Akita)]
    [InlineData("212105", "R6", ReportTemplate.Komae)]
    [InlineData("280003", "R3", ReportTemplate.Hyogo)]
    public async Task At_1280px_every_column_of_a_seed_layout_can_be_reached_with_the_code_column_and_the_header_in_view(string organisation, string year, string template)
    {
        var page = await fixture.NewPageAsync(1280, 900);
        await page.GotoAsync($"/plans/{await fixture.Factory.PlanIdAsync(organisation, organisation == "280003" ? 5 : 1)}/report/{year}?template={Uri.EscapeDataString(template)}");

        // Scrolled half-way down the sheet, then to each column in turn: the column's heading is the element at its centre,
        // not hidden under the sticky columns, and the code column's heading is still there.
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const wrap = document.querySelector(".sheet-wrap");
              wrap.scrollIntoView();
              wrap.scrollTop = wrap.scrollHeight / 2;
              const code = wrap.querySelector("thead th.col-code");
              const seen = (cell) => {
                const r = cell.getBoundingClientRect();
                return r.left >= 0 && r.right <= window.innerWidth + 1 && cell.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
              };
              const problems = [];
              for (const th of wrap.querySelectorAll("thead th")) {
                wrap.scrollLeft = Math.max(0, th.offsetLeft + th.offsetWidth - wrap.clientWidth);
                if (!seen(th)) problems.push(th.textContent + " cannot be reached");
                if (!seen(code)) problems.push("the code column is out of view at " + th.textContent);
              }
              return problems;
            }
            """);

        Assert.Empty(problems);
        Assert.Equal(0, await Accessibility.OverflowAsync(page));
    }

    [Theory]
    [InlineData("/plans/{ena}/report/R6?previous=true")]
    [InlineData("/plans/{miyagi}/report/R5")]
    [InlineData("/plans/{miyagi}/report/R5/summary")]
    [InlineData("/plans/{ena}/report/R6/summary")]
    [InlineData("/plans/{ena}")]
    [InlineData("/plans/{hyogo}")]
    [InlineData("/plans/{hyogo}/indicators")]
    public async Task At_390px_no_table_cell_is_narrower_than_six_characters(string url)
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync(url.Replace("{ena}", (await fixture.Factory.PlanIdAsync("212105")).ToString())
            .Replace("{miyagi}", (await fixture.Factory.PlanIdAsync("040002")).ToString()).Replace("{hyogo}", (await fixture.Factory.PlanIdAsync("280003", 5)).ToString()));

        // A heading row kept for screen readers only (1 px, clipped) is not read on the screen.
        var narrow = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll("main table :is(th, td)"))
              .filter(cell => !(cell.closest("thead") && cell.closest("thead").getBoundingClientRect().width <= 1))
              .filter(cell => cell.getBoundingClientRect().width < 6 * parseFloat(getComputedStyle(cell).fontSize))
              .map(cell => `${Math.round(cell.getBoundingClientRect().width)}px: ${cell.outerHTML.slice(0, 100)}`)
            """);

        Assert.Empty(narrow);
        Assert.Equal(0, await Accessibility.OverflowAsync(page));
    }

    [Fact]
    public async Task The_primary_button_keeps_its_contrast_once_visited_hovered_and_focused_and_the_visited_page_passes_axe()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/plans/{await fixture.Factory.PlanIdAsync("212105")}");
        var button = page.Locator("main a.button[href*='/report/']");
        await button.ClickAsync();
        await page.GoBackAsync();

        // Browsers hide :visited styles from scripts (and so from axe's colour reading): the pixels tell what a reader sees.
        var findings = (await Accessibility.ViolationsAsync(page, "plan page with the sheet visited")).ToList();
        await page.Mouse.MoveAsync(0, 0);
        findings.AddRange(await ContrastAsync(page, button, "visited"));
        await button.HoverAsync();
        findings.AddRange(await ContrastAsync(page, button, "visited and hovered"));
        await page.Mouse.MoveAsync(0, 0);
        await page.Locator("#year").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await button.EvaluateAsync<bool>("b => b === document.activeElement"), "the button has the focus");
        findings.AddRange(await ContrastAsync(page, button, "visited and focused"));

        Assert.Empty(findings);
    }

    /// <summary>
    /// The contrast between a control's background (its commonest colour) and its text (of the colours covering at least
    /// 1% of it, the one farthest from the background), read from a screenshot decoded by the browser itself.
    /// </summary>
    private static async Task<IEnumerable<string>> ContrastAsync(IPage page, ILocator control, string state)
    {
        var png = Convert.ToBase64String(await control.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled }));
        var colours = await page.EvaluateAsync<int[][]>("""
            async (png) => {
              const image = new Image();
              image.src = "data:image/png;base64," + png;
              await image.decode();
              const canvas = document.createElement("canvas");
              canvas.width = image.width; canvas.height = image.height;
              const context = canvas.getContext("2d");
              context.drawImage(image, 0, 0);
              const data = context.getImageData(0, 0, image.width, image.height).data;
              const counts = new Map();
              for (let i = 0; i < data.length; i += 4) {
                const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                counts.set(key, (counts.get(key) || 0) + 1);
              }
              const total = data.length / 4;
              return [...counts].filter(([, n]) => n >= total * 0.01).sort((a, b) => b[1] - a[1]).map(([k, n]) => [k >> 16, (k >> 8) & 255, k & 255, n]);
            }
            """, png);
        var background = colours[0];
        var text = colours.Skip(1).MaxBy(c => Ratio(c, background));
        if (text is null) return [$"{state}: no text to be seen"];
        var ratio = Ratio(text, background);
        return ratio >= 4.5 ? [] : [$"{state}: text rgb({text[0]},{text[1]},{text[2]}) on rgb({background[0]},{background[1]},{background[2]}) is {ratio:0.00}:1"];
    }

    private static double Ratio(int[] a, int[] b)
    {
        static double Luminance(int[] c)
        {
            static double Channel(int v) => v / 255.0 <= 0.03928 ? v / 255.0 / 12.92 : Math.Pow((v / 255.0 + 0.055) / 1.055, 2.4);
            return 0.2126 * Channel(c[0]) + 0.7152 * Channel(c[1]) + 0.0722 * Channel(c[2]);
        }
        var (light, dark) = (Math.Max(Luminance(a), Luminance(b)), Math.Min(Luminance(a), Luminance(b)));
        return (light + 0.05) / (dark + 0.05);
    }
}
