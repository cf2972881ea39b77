using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Playwright;

namespace Ayumi.Features.Reports;

/// <summary>
/// Prints HTML to PDF with Debian's Chromium (<c>Ayumi:Chromium</c>, default /usr/bin/chromium),
/// which embeds the Noto CJK fonts so that Japanese renders in any viewer. One browser is started
/// on first use and shared; each document gets its own page. Page numbers come from
/// sheet-print.css (<c>@page { @bottom-center }</c>) rather than a footer template, which Chromium
/// renders as a document of its own on every page: about a quarter of the CPU of a 500-page sheet.
/// </summary>
public sealed class PdfRenderer(IConfiguration configuration) : IAsyncDisposable
{
    private static readonly string[] ChromiumArguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly Lazy<string> PrintCss = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ayumi.Features.Reports.sheet-print.css")
            ?? throw new InvalidOperationException("Features/Reports/sheet-print.css is not embedded.");
        return new StreamReader(stream).ReadToEnd();
    });

    private readonly SemaphoreSlim _starting = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A PDF of <paramref name="bodyHtml"/> (already encoded) under a heading, with page numbers in the footer.</summary>
    public async Task<byte[]> RenderAsync(string title, string bodyHtml, string language, CancellationToken ct)
    {
        var browser = await BrowserAsync();
        // Chromium reads the document from a file of this process's own (mode 600, deleted once printed). Passed
        // inline (SetContentAsync), it travels as one JSON message, which left about 25 MB of large-object garbage
        // in this process for each PDF of a 500-measure sheet.
        var file = Path.Combine(Path.GetTempPath(), $"ayumi-pdf-{Guid.NewGuid():N}.html");
        var page = await browser.NewPageAsync();
        try
        {
            var encoder = HtmlEncoder.Create(UnicodeRanges.All);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
            {
                await writer.WriteAsync($"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{encoder.Encode(title)}</title><style>{PrintCss.Value}</style></head>" +
                    $"<body><h1>{encoder.Encode(title)}</h1>");
                await writer.WriteAsync(bodyHtml);
                await writer.WriteAsync("</body></html>");
            }
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            ct.ThrowIfCancellationRequested();
            return await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4", Landscape = true, PrintBackground = true, PreferCSSPageSize = true,
            });
        }
        finally
        {
            await page.CloseAsync();
            File.Delete(file);
        }
    }

    private async Task<IBrowser> BrowserAsync()
    {
        if (_browser is { IsConnected: true }) return _browser;
        await _starting.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = configuration["Ayumi:Chromium"] ?? "/usr/bin/chromium",
                Args = ChromiumArguments,
            });
            return _browser;
        }
        finally { _starting.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _starting.Dispose();
    }
}
