using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ayumi.Tests.Browser;

/// <summary>The accessibility checks every browser test runs: axe with the WCAG 2.1 A and AA rules (JIS X 8341-3 follows WCAG 2.1 AA).</summary>
internal static class Accessibility
{
    /// <summary>What axe finds on the page, one line per rule broken, naming <paramref name="what"/> and the page's path.</summary>
    public static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.NotEmpty(result.Passes);
        return result.Violations.Select(v =>
            $"{what} ({new Uri(page.Url).PathAndQuery}): {v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
    }

    /// <summary>What axe finds at a laptop's and a phone's width, and any width the page does not fit in.</summary>
    public static async Task<List<string>> AtLaptopAndPhoneWidthsAsync(IPage page, string what)
    {
        var findings = new List<string>();
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            findings.AddRange(await ViolationsAsync(page, $"{what} at {width}px"));
            if (await OverflowAsync(page) is > 0 and var overflow) findings.Add($"{what} is {overflow}px wider than {width}px");
        }
        return findings;
    }

    /// <summary>How many pixels the page is wider than the window (0 when it fits).</summary>
    public static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
}
