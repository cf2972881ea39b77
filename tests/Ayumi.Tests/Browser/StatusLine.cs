using Microsoft.Playwright;

namespace Ayumi.Tests.Browser;

/// <summary>A status line that changes faster than a test can poll it: every text it shows, in order.</summary>
internal static class StatusLine
{
    /// <summary>Starts recording the texts of the element <paramref name="selector"/> finds; the list fills as the page changes it.</summary>
    public static async Task<List<string>> RecordAsync(IPage page, string selector)
    {
        var texts = new List<string>();
        await page.ExposeFunctionAsync("ayumiStatus", (string text) => { lock (texts) texts.Add(text); });
        await page.EvaluateAsync("""
            selector => {
              const status = document.querySelector(selector);
              new MutationObserver(() => window.ayumiStatus(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
            }
            """, selector);
        return texts;
    }
}
