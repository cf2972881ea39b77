using System.Diagnostics;
using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Import.Reading;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using AppConfiguration = Microsoft.Extensions.Configuration.IConfiguration;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Import;

/// <summary>Uploads crafted to tie up the server are refused at once; at most N files are read at a time, each for a limited time (issue 15, failure 9).</summary>
public abstract partial class ImportWebTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    private static string Problems(IDocument preview) => preview.QuerySelector("table.import-problems")?.TextContent ?? "";

    /// <summary>Ena's next year, previewed without error: its 12 entries created, changed or unchanged (another test may have committed them).</summary>
    private static void AssertReadInFull(IDocument preview)
    {
        Assert.Null(preview.QuerySelector(".notice--error"));
        Assert.Equal(12, Enumerable.Range(0, 3).Select(i => Count(preview, "年度の記録", i)).Where(t => t != "-").Sum(int.Parse));
    }

    [Fact]
    public async Task An_encrypted_workbook_with_lower_case_stream_names_is_refused_at_once_as_password_protected()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var clock = Stopwatch.StartNew();

        var (_, preview) = await PreviewAsync(secretariat, "212105", "locked.xlsx", CraftedUploads.LowerCaseEncryptedWorkbook());

        Assert.True(clock.Elapsed < Quickly, $"refused after {clock.Elapsed}");
        Assert.Contains("ファイル locked.xlsx はパスワードで保護されているため読めません", Problems(preview));
    }

    [Fact]
    public async Task A_workbook_expanding_to_200_MB_is_refused_at_once_with_the_limit_in_the_message()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var clock = Stopwatch.StartNew();

        var (_, preview) = await PreviewAsync(secretariat, "212105", "expanding.xlsx", CraftedUploads.ExpandingWorkbook());

        Assert.True(clock.Elapsed < Quickly, $"refused after {clock.Elapsed}");
        Assert.Contains("ファイル expanding.xlsx は展開すると64 MBを超えるため読めません", Problems(preview));
    }

    [Fact]
    public async Task While_as_many_files_as_allowed_are_being_read_a_preview_is_refused_with_a_message_to_try_again()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var url = (await UploadAsync(secretariat, "212105", "ena-r7.txt", EnaNextYear())).Headers.Location!.OriginalString;

        await using (await HoldAllReadingSlotsAsync())
        {
            var refused = await secretariat.GetAsync(url);
            Assert.Contains("ファイル ena-r7.txt は読み込みませんでした。ほかのファイルを読み込み中です（同時に読み込めるのは2件までです）。しばらくしてから", Problems(refused));
        }

        AssertReadInFull(await secretariat.GetAsync(url));
    }

    [Fact]
    public async Task A_preview_over_its_time_limit_is_stopped_with_a_message_naming_the_file_and_frees_its_slot()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        // Under every limit (10 MB, 330,000 cells), and more than a second of reading.
        var large = CraftedUploads.ExpandingWorkbook(sheets: 2, bytesPerSheet: 5_000_000, cellsPerRow: 10);
        var url = (await UploadAsync(secretariat, "212105", "slow.xlsx", large)).Headers.Location!.OriginalString;
        var configuration = Factory.Services.GetRequiredService<AppConfiguration>();

        configuration["Ayumi:Import:TimeLimitSeconds"] = "0.001";
        try
        {
            var clock = Stopwatch.StartNew();
            var stopped = await secretariat.GetAsync(url);
            Assert.True(clock.Elapsed < Quickly, $"stopped after {clock.Elapsed}");
            Assert.Contains("ファイル slow.xlsx の読み込みを1秒で打ち切りました", Problems(stopped));
        }
        finally
        {
            configuration["Ayumi:Import:TimeLimitSeconds"] = null;
        }

        var (_, next) = await PreviewAsync(secretariat, "212105", "ena-r7.txt", EnaNextYear());
        AssertReadInFull(next);
    }

    [Fact]
    public async Task The_indicator_sheet_import_goes_through_the_same_gate_and_checks()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var plan = await Factory.QueryAsync(db => db.Plans.Where(p => p.Organisation.Code == LocalGovernmentCode.Parse("212105")).Select(p => p.Id).FirstAsync());
        var sheet = "番号,指標,R5,R6\r\n①,協力雇用主の新規登録数,7,6\r\n"u8.ToArray();

        await using (await HoldAllReadingSlotsAsync())
            Assert.Contains("しばらくしてから、もう一度お試しください", await IndicatorPreviewNoticeAsync(secretariat, plan, "indicators.csv", sheet));

        var clock = Stopwatch.StartNew();
        Assert.Contains("パスワードで保護されているため読めません", await IndicatorPreviewNoticeAsync(secretariat, plan, "locked.xlsx", CraftedUploads.LowerCaseEncryptedWorkbook()));
        Assert.True(clock.Elapsed < Quickly, $"refused after {clock.Elapsed}");
    }

    private static async Task<string> IndicatorPreviewNoticeAsync(WebUser user, int plan, string fileName, byte[] content)
    {
        var url = $"/plans/{plan}/indicators/import";
        var form = await user.GetAsync(url);
        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        var response = await user.Client.PostAsync(url + "?handler=Preview", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
        return page.QuerySelector(".notice--error")?.TextContent ?? "";
    }

    /// <summary>Takes every slot of the server's import gate, as files being read would, until disposed.</summary>
    private async Task<IAsyncDisposable> HoldAllReadingSlotsAsync()
    {
        var gate = Factory.Services.GetRequiredService<ImportGate>();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = Enumerable.Range(0, gate.MaxConcurrent).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var held = entered.Select((e, i) => gate.RunAsync($"held{i}.xlsx", _ =>
        {
            e.SetResult();
            return release.Task;
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(entered.Select(e => e.Task));
        return new Holding(release, held);
    }

    private sealed class Holding(TaskCompletionSource<int> release, List<Task<int>> held) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            release.SetResult(0);
            await Task.WhenAll(held);
        }
    }
}
