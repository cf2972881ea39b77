using System.Text;
using Ayumi.Features.Reports;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Configuration;

namespace Ayumi.Tests.Reporting;

/// <summary>Chromium's PDF, handed over as a file of the server's own that goes away with the response.</summary>
public sealed class PdfRendererTests
{
    [Fact]
    public async Task A_pdf_comes_back_as_a_temporary_file_that_is_deleted_when_it_is_closed()
    {
        var chromium = Environment.GetEnvironmentVariable("AYUMI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ayumi:Chromium"] = chromium }).Build();
        await using var renderer = new PdfRenderer(configuration);
        var body = new HtmlString(string.Concat(Enumerable.Range(1, 2000).Select(i => $"<p>再犯防止推進計画の事業{i}：協力雇用主と連携し、就労の確保と住居の確保を支援する。</p>")));

        string file;
        byte[] bytes;
        await using (var pdf = await renderer.RenderAsync("進行管理シート", body, "ja", CancellationToken.None))
        {
            file = Assert.IsType<FileStream>(pdf).Name;
            Assert.True(File.Exists(file));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            using var copy = new MemoryStream();
            await pdf.CopyToAsync(copy);
            bytes = copy.ToArray();
        }

        Assert.False(File.Exists(file));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.True(bytes.Length > 48 * 1024, $"long enough to arrive from Chromium in several pieces ({bytes.Length} bytes)");
        var text = ExternalTools.PdfText(bytes);
        Assert.Contains("進行管理シート", text);
        Assert.Contains("再犯防止推進計画の事業2000", text);
    }
}
