using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.Playwright;

namespace Ayumi.Features.Reports;

/// <summary>
/// Prints HTML to PDF with Debian's Chromium (<c>Ayumi:Chromium</c>, default /usr/bin/chromium),
/// which embeds the Japanese font that sheet-print.css names so that the text renders in any viewer. One browser is started
/// on first use and shared; each document gets its own page. Page numbers come from
/// sheet-print.css (<c>@page { @bottom-center }</c>) rather than a footer template, which Chromium
/// renders as a document of its own on every page: about a quarter of the CPU of a 500-page sheet.
/// </summary>
public sealed class PdfRenderer(IConfiguration configuration) : IAsyncDisposable
{
    private static readonly string[] ChromiumArguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"];

    private static readonly Lazy<string> PrintCss = new(() => Resource("sheet-print.css"));
    private static readonly Lazy<string> SplitRows = new(() => Resource("sheet-split.js"));

    /// <summary>
    /// The printed area of an A4 landscape page in CSS pixels (96 per inch), less the margins sheet-print.css gives
    /// <c>@page</c> (10 mm at the sides, 12 mm above and 14 mm below): the window the document is laid out in before it is
    /// printed, so that the rows measured there are the rows printed.
    /// </summary>
    private const double PageWidth = (297 - 20) / 25.4 * 96, PageHeight = (210 - 12 - 14) / 25.4 * 96;

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Ayumi.Features.Reports.{name}")
            ?? throw new InvalidOperationException($"Features/Reports/{name} is not embedded.");
        return new StreamReader(stream).ReadToEnd();
    }

    private readonly SemaphoreSlim _starting = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>
    /// A PDF of <paramref name="body"/> under a heading, with page numbers in the footer: a temporary file, read
    /// from its start and deleted when the stream is closed.
    /// </summary>
    public async Task<Stream> RenderAsync(string title, IHtmlContent body, string language, CancellationToken ct)
    {
        var browser = await BrowserAsync();
        // Chromium reads the document from a file of this process's own (mode 600, deleted once printed), which the
        // body is written into as it is made. Passed inline (SetContentAsync), it travels as one JSON message, which
        // left about 25 MB of large-object garbage in this process for each PDF of a 500-measure sheet.
        var document = TemporaryPath("html");
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = (int)Math.Round(PageWidth), Height = (int)PageHeight } });
        try
        {
            var encoder = HtmlEncoder.Create(UnicodeRanges.All);
            await using (var writer = new StreamWriter(OwnFile(document, FileOptions.None), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                await writer.WriteAsync($"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{encoder.Encode(title)}</title><style>{PrintCss.Value}</style></head>" +
                    $"<body><h1>{encoder.Encode(title)}</h1>");
                body.WriteTo(writer, encoder);
                await writer.WriteAsync("</body></html>");
            }
            // Laid out as it prints, once, for sheet-split.js to break the rows that run over a page.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await page.GotoAsync(new Uri(document).AbsoluteUri);
            ct.ThrowIfCancellationRequested();
            await page.EvaluateAsync<int>(SplitRows.Value, PageHeight);
            ct.ThrowIfCancellationRequested();
            return await PrintAsync(page, ct);
        }
        finally
        {
            await page.CloseAsync();
            File.Delete(document);
        }
    }

    /// <summary>
    /// Prints through the DevTools protocol, which hands the PDF over as a stream read in pieces that stay off the
    /// large-object heap. Playwright's PdfAsync returns it as one base64 message: about 20 MB of large-object
    /// garbage in this process for the 2.7 MB PDF of a 500-measure sheet.
    /// </summary>
    private static async Task<Stream> PrintAsync(IPage page, CancellationToken ct)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        var pdf = OwnFile(TemporaryPath("pdf"), FileOptions.DeleteOnClose);
        try
        {
            // A4 landscape as Playwright asks for it; the sheet's @page rule sets the size and margins it prints with.
            // Untagged and without an outline, as Playwright prints by default: tagging nearly doubled the PDF of a
            // 500-measure sheet (2.7 to 5.0 MB).
            var printed = await devTools.SendAsync("Page.printToPDF", new()
            {
                ["landscape"] = true, ["printBackground"] = true, ["preferCSSPageSize"] = true,
                ["paperWidth"] = 8.27, ["paperHeight"] = 11.7,
                ["marginTop"] = 0, ["marginBottom"] = 0, ["marginLeft"] = 0, ["marginRight"] = 0,
                ["generateTaggedPDF"] = false, ["generateDocumentOutline"] = false,
                ["transferMode"] = "ReturnAsStream",
            });
            var handle = printed!.Value.GetProperty("stream").GetString()!;
            for (var eof = false; !eof;)
            {
                ct.ThrowIfCancellationRequested();
                var piece = (await devTools.SendAsync("IO.read", new() { ["handle"] = handle, ["size"] = PieceBytes }))!.Value;
                if (!piece.TryGetProperty("base64Encoded", out var base64) || !base64.GetBoolean())
                    throw new InvalidOperationException("Chromium returned the PDF as text, not as base64-encoded bytes.");
                await pdf.WriteAsync(piece.GetProperty("data").GetBytesFromBase64(), ct);
                eof = piece.GetProperty("eof").GetBoolean();
            }
            await devTools.SendAsync("IO.close", new() { ["handle"] = handle });
            pdf.Position = 0;
            return pdf;
        }
        catch
        {
            await pdf.DisposeAsync();
            throw;
        }
        finally
        {
            await devTools.DetachAsync();
        }
    }

    /// <summary>48 KB a piece: the piece and its 64 KB of base64 stay under the 85,000 bytes from which .NET allocates on the large-object heap.</summary>
    private const int PieceBytes = 48 * 1024;

    private static string TemporaryPath(string extension) => Path.Combine(Path.GetTempPath(), $"ayumi-pdf-{Guid.NewGuid():N}.{extension}");

    /// <summary>A new file only this process's user can read.</summary>
    private static FileStream OwnFile(string path, FileOptions options)
    {
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = options };
        if (!OperatingSystem.IsWindows()) streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, streamOptions);
    }

    private string ChromiumPath => configuration["Ayumi:Chromium"] is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <exception cref="PdfUnavailableException">Chromium or a Japanese font is missing, or Chromium does not start.</exception>
    private async Task<IBrowser> BrowserAsync()
    {
        if (_browser is { IsConnected: true }) return _browser;
        await _starting.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            if (!File.Exists(ChromiumPath)) throw new PdfUnavailableException(PdfUnavailableException.Part.Chromium, ChromiumPath);
            if (!await JapaneseFontInstalledAsync()) throw new PdfUnavailableException(PdfUnavailableException.Part.JapaneseFont, ChromiumPath);
            _playwright ??= await Playwright.CreateAsync();
            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Args = ChromiumArguments });
            }
            catch (PlaywrightException e)
            {
                throw new PdfUnavailableException(PdfUnavailableException.Part.Chromium, ChromiumPath, e);
            }
            return _browser;
        }
        finally { _starting.Release(); }
    }

    /// <summary>
    /// Whether fontconfig, through which Chromium finds its fonts, knows a Japanese font: without one the sheet prints as
    /// empty boxes. Where fontconfig's fc-list is not there to ask, Chromium is left to find its fonts.
    /// </summary>
    private static async Task<bool> JapaneseFontInstalledAsync()
    {
        var start = new System.Diagnostics.ProcessStartInfo("fc-list") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { ":lang=ja", "family" }) start.ArgumentList.Add(argument);
        try
        {
            using var process = System.Diagnostics.Process.Start(start)!;
            var fonts = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode != 0 || fonts.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _starting.Dispose();
    }
}

/// <summary>A PDF cannot be made on this server: Chromium or a Japanese font is missing. The message says what to install.</summary>
public sealed class PdfUnavailableException(PdfUnavailableException.Part missing, string chromiumPath, Exception? inner = null)
    : Exception(Describe(missing, chromiumPath), inner)
{
    public enum Part { Chromium, JapaneseFont }

    /// <summary>The Debian packages a PDF needs.</summary>
    public const string Install = "apt-get install chromium fonts-noto-cjk";

    public Part Missing { get; } = missing;

    public string ChromiumPath { get; } = chromiumPath;

    private static string Describe(Part missing, string chromiumPath) => missing == Part.Chromium
        ? $"PDF output needs Chromium, which does not start from {chromiumPath}: install it ({Install}), or set Ayumi:Chromium (environment variable Ayumi__Chromium) to Chromium's path."
        : $"PDF output needs a Japanese font, and none is installed: install one ({Install}).";
}
