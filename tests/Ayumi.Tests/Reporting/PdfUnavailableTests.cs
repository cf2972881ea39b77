using System.Net;
using Ayumi.Domain;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Reporting;

/// <summary>Ayumi on a server without Chromium (its setting points at a path that does not exist), with an administrator and Ena's secretariat.</summary>
public abstract class NoChromiumFixture : AyumiFixture
{
    public const string MissingChromium = "/nonexistent/ayumi-test/chromium";
    public const string Administrator = "admin@example.jp";
    public const string Secretariat = "jimukyoku@ena.example.jp";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Ayumi:Chromium"] = MissingChromium };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.CreateAsync(Administrator, "212105", null);
        await Factory.CreateAsync(Secretariat, "212105", MemberRole.Secretariat);
    }
}

public sealed class SqliteNoChromium : NoChromiumFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresNoChromium : NoChromiumFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}

/// <summary>Without Chromium, the PDF download is the sheet's page saying so: what to install for the administrator, the plain fact for others; the export verb says it in one line.</summary>
public abstract class PdfUnavailableTests(NoChromiumFixture fixture)
{
    private async Task<string> PdfUrlAsync() => $"/plans/{await fixture.Factory.PlanIdAsync("212105")}/report/R6?handler=pdf";

    [Fact]
    public async Task The_pdf_download_tells_the_administrator_what_to_install_and_others_only_that_the_pdf_is_unavailable()
    {
        var administrator = await fixture.Factory.SignedInAsync(NoChromiumFixture.Administrator);
        var page = await administrator.GetAsync(await PdfUrlAsync(), HttpStatusCode.ServiceUnavailable);
        var notice = page.QuerySelector(".notice--error")!.TextContent;
        Assert.Contains("apt-get install chromium fonts-noto-cjk", notice);
        Assert.Contains(NoChromiumFixture.MissingChromium, notice);
        Assert.Contains("Ayumi:Chromium", notice);
        Assert.NotNull(page.QuerySelector("h1"));

        foreach (var other in new[] { fixture.Factory.NewUser(), await fixture.Factory.SignedInAsync(NoChromiumFixture.Secretariat) })
        {
            page = await other.GetAsync(await PdfUrlAsync(), HttpStatusCode.ServiceUnavailable);
            Assert.Equal("PDFは現在作成できません。", page.QuerySelector(".notice--error")!.TextContent.Trim());
            Assert.DoesNotContain("apt-get", page.Body!.TextContent);
            Assert.DoesNotContain(NoChromiumFixture.MissingChromium, page.Body!.TextContent);
        }
    }

    [Fact]
    public async Task The_export_verb_says_in_one_line_what_to_install_and_exits_1()
    {
        var output = Path.Combine(Path.GetTempPath(), $"ayumi-no-chromium-{Guid.NewGuid():N}.pdf");
        var (exit, text) = await Hosting.BuiltProgram.RunAsync("export", "--org", "212105", "--year", "R6", "--format", "pdf", "--out", output,
            $"--Ayumi:Database:Provider={fixture.Factory.Database.Provider}", $"--ConnectionStrings:Ayumi={fixture.Factory.Database.ConnectionString}",
            $"--Ayumi:Chromium={NoChromiumFixture.MissingChromium}", "--Logging:LogLevel:Default=Warning");
        Assert.Equal(1, exit);
        var line = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("apt-get install chromium fonts-noto-cjk", line);
        Assert.Contains(NoChromiumFixture.MissingChromium, line);
        Assert.False(File.Exists(output));
    }
}

public sealed class SqlitePdfUnavailableTests(SqliteNoChromium fixture) : PdfUnavailableTests(fixture), IClassFixture<SqliteNoChromium>;

public sealed class PostgresPdfUnavailableTests(PostgresNoChromium fixture) : PdfUnavailableTests(fixture), IClassFixture<PostgresNoChromium>;
