using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Import;

/// <summary>The secretariat uploads a sheet, reads the preview and commits it; nobody else may.</summary>
public abstract partial class ImportWebTests(CycleFixture fixture)
{
    private AyumiFactory Factory => fixture.Factory;

    /// <summary>Ena's sheet as it would come back a year later: R7 evaluated, R8 planned.</summary>
    internal static byte[] EnaNextYear(Func<string, string>? change = null)
    {
        var text = File.ReadAllText(TestPaths.Seed("ena-city.txt")).Replace("R6評価\tR6実施内容\tR7実施予定", "R7評価\tR7実施内容\tR8実施予定");
        return Encoding.UTF8.GetBytes(change is null ? text : change(text));
    }

    private static async Task<HttpResponseMessage> UploadAsync(WebUser user, string code, string fileName, byte[] content, string? year = null)
    {
        var form = await user.GetAsync($"/organisations/{code}/import");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(year ?? ""), "Year" },
            { new StringContent(""), "PlanName" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        body.Add(file, "Upload", fileName);
        return await user.Client.PostAsync($"/organisations/{code}/import", body);
    }

    private static async Task<(string Url, IDocument Page)> PreviewAsync(WebUser user, string code, string fileName, byte[] content)
    {
        var response = await UploadAsync(user, code, fileName, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        return (url, await user.GetAsync(url));
    }

    private static string Count(IDocument page, string row, int column) =>
        page.QuerySelectorAll("table.import-counts tbody tr").Single(r => r.QuerySelector("th")!.TextContent == row).QuerySelectorAll("td")[column].TextContent;

    [Fact]
    public async Task Next_years_sheet_previews_then_adds_that_years_entries_and_a_second_import_changes_nothing()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var (url, preview) = await PreviewAsync(secretariat, "212105", "ena-r7.txt", EnaNextYear());
        Assert.Equal("0", Count(preview, "取組", 0));
        Assert.Equal("12", Count(preview, "取組", 1));
        Assert.Equal("12", Count(preview, "年度の記録", 0));
        var stored = await Factory.QueryAsync(db => db.YearlyEntries.CountAsync(e => e.Measure.Plan.Organisation.Code == LocalGovernmentCode.Parse("212105")));

        var committed = await secretariat.PostAndReadAsync(url, [], url);
        Assert.Contains("取り込みました", committed.QuerySelector(".notice--success")!.TextContent);
        var fy2025 = await Factory.QueryAsync(async db => (await db.YearlyEntries.Include(e => e.Measure)
            .Where(e => e.Measure.Plan.Organisation.Code == LocalGovernmentCode.Parse("212105")).ToListAsync())
            .Where(e => e.FiscalYear == new FiscalYear(2025)).ToList());
        Assert.Equal(12, fy2025.Count);
        Assert.Equal(9, fy2025.Count(e => e.Grade == "A"));
        Assert.Equal("生活困窮の状況に応じて、生活保護を実施する。", fy2025.Single(e => e.Measure.Key == "(1)-4").NextYearPlan);
        Assert.Equal(stored + 12, await Factory.QueryAsync(db => db.YearlyEntries.CountAsync(e => e.Measure.Plan.Organisation.Code == LocalGovernmentCode.Parse("212105"))));
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(YearlyEntry))), "the import's entries are in the audit trail");

        var (_, again) = await PreviewAsync(secretariat, "212105", "ena-r7.txt", EnaNextYear());
        Assert.Equal("12", Count(again, "取組", 2));
        Assert.Equal("12", Count(again, "年度の記録", 2));
        Assert.NotNull(again.QuerySelector("main p:not(.hint)"));
        Assert.Null(again.QuerySelector("form[data-busy-text]"));
    }

    [Fact]
    public async Task An_error_anywhere_in_the_file_stores_nothing_and_names_the_row_and_column()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var broken = EnaNextYear(t => t.Replace("A(予定通り進行)\t健康で文化的", "Z(不明)\t健康で文化的"));
        var before = await Factory.QueryAsync(db => db.YearlyEntries.CountAsync());
        var (url, preview) = await PreviewAsync(secretariat, "212105", "broken.txt", broken);
        var problem = preview.QuerySelectorAll("table.import-problems tbody tr").First(r => r.ClassList.Contains("problem--error"));
        Assert.Contains("broken.txt・シート「broken」・11行目・G列", problem.TextContent);
        Assert.Contains("Z(不明)", problem.TextContent);
        Assert.Null(preview.QuerySelector("form[data-busy-text]"));
        var response = await secretariat.PostAsync(url, [], url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await Factory.QueryAsync(db => db.YearlyEntries.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_department_can_be_mapped_to_an_existing_one_which_learns_the_name()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var renamed = EnaNextYear(t => t.Replace("\t建築住宅課\t", "\t建築住宅課（住宅係）\t"));
        var (url, preview) = await PreviewAsync(secretariat, "212105", "renamed.txt", renamed);
        var select = Assert.Single(preview.QuerySelectorAll("select[name^='DepartmentMap[']"));
        Assert.Contains("住宅係", select.GetAttribute("name"));
        var target = select.QuerySelectorAll("option").Single(o => o.TextContent == "建築住宅課").GetAttribute("value")!;
        await secretariat.PostAndReadAsync(url, [new(select.GetAttribute("name")!, target)], url);
        var departments = await Factory.QueryAsync(db => db.Departments.Include(d => d.Aliases).Where(d => d.Organisation.Code == LocalGovernmentCode.Parse("212105")).ToListAsync());
        Assert.DoesNotContain(departments, d => d.Name.Contains("住宅係"));
        Assert.Contains(departments.Single(d => d.Name == "建築住宅課").Aliases, a => a.Name.Contains("住宅係"));
    }

    [Fact]
    public async Task A_sheet_with_unknown_headings_is_mapped_on_the_columns_page_and_then_recognised()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var numbered = EnaNextYear(t => t.Replace("基本目標\t基本方針\t具体的な取り組み\t事業\t担当課\t内容\tR7評価\tR7実施内容\tR8実施予定",
            string.Join('\t', Enumerable.Range(1, 9).Select(i => $"列{i}"))));
        var (url, preview) = await PreviewAsync(secretariat, "212105", "numbered.txt", numbered);
        var columnsUrl = preview.QuerySelector("a[href$='/columns']")!.GetAttribute("href")!;
        var columns = await secretariat.GetAsync(columnsUrl);
        Assert.Equal(9, columns.QuerySelectorAll("select[name^='Fields[']").Length);
        var headerRow = columns.QuerySelector("input[name='HeaderRow']")!.GetAttribute("value")!;

        List<KeyValuePair<string, string>> Mapping(string sixthColumn, string name) =>
        [
            new("HeaderRow", headerRow), new("Year", "令和7年度"), new("ProfileName", name),
            new("Fields[0]", "Goal"), new("Fields[1]", "Policy"), new("Fields[2]", "Code"), new("Fields[3]", "Title"),
            new("Fields[4]", "Department"), new("Fields[5]", sixthColumn), new("Fields[6]", "Grade"), new("Fields[7]", "Results"), new("Fields[8]", "PlannedWork"),
            new("YearOffsets[6]", "0"), new("YearOffsets[7]", "0"), new("YearOffsets[8]", "1"),
        ];
        // Without a name (a browser without HTML validation), and with the title twice: messages, not errors.
        var unnamed = await secretariat.PostAndReadAsync(columnsUrl, Mapping("Description", ""), columnsUrl);
        Assert.Contains("名前", unnamed.QuerySelector(".notice--error")!.TextContent);
        var twice = await secretariat.PostAndReadAsync(columnsUrl, Mapping("Title", "恵那市（列番号）"), columnsUrl);
        Assert.Contains("取組名・事業名", twice.QuerySelector(".notice--error")!.TextContent);

        var response = await secretariat.PostAsync(columnsUrl, Mapping("Description", "恵那市（列番号）"), columnsUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Headers.Location!.OriginalString);
        var recognised = await secretariat.GetAsync(url);
        Assert.Null(recognised.QuerySelector(".notice--error"));
        Assert.Contains("恵那市（列番号）", recognised.QuerySelector(".summary-list")!.TextContent);
        Assert.Equal(12, Enumerable.Range(0, 3).Select(i => Count(recognised, "年度の記録", i)).Where(t => t != "-").Sum(int.Parse));
    }

    [Fact]
    public async Task Only_the_organisations_secretariat_may_import()
    {
        Accounts.AssertChallenged(await Factory.NewUser().Client.GetAsync("/organisations/212105/import"));
        Accounts.AssertDenied(await (await Factory.SignedInAsync(CycleFixture.Fukushi)).Client.GetAsync("/organisations/212105/import"));
        Accounts.AssertDenied(await (await Factory.SignedInAsync(CycleFixture.Reviewer)).Client.GetAsync("/organisations/212105/import"));
        Accounts.AssertDenied(await (await Factory.SignedInAsync(CycleFixture.AkitaSecretariat)).Client.GetAsync("/organisations/212105/import"));

        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var response = await UploadAsync(secretariat, "212105", "ena.txt", EnaNextYear());
        var preview = response.Headers.Location!.OriginalString;
        var akita = await Factory.SignedInAsync(CycleFixture.AkitaSecretariat);
        Assert.Equal(HttpStatusCode.NotFound, (await akita.Client.GetAsync(preview.Replace("212105", "052019"))).StatusCode);
        Accounts.AssertDenied(await akita.Client.GetAsync(preview));
    }

    [Fact]
    public async Task An_upload_without_the_anti_forgery_token_is_refused()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        using var body = new MultipartFormDataContent { { new ByteArrayContent(EnaNextYear()), "Upload", "ena.txt" } };
        var response = await secretariat.Client.PostAsync("/organisations/212105/import", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_gets_a_message_naming_it()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
        var (_, preview) = await PreviewAsync(secretariat, "212105", "photo.png", png);
        Assert.Contains("photo.png", preview.QuerySelector("table.import-problems")!.TextContent);
        Assert.NotNull(preview.QuerySelector(".notice--error"));
    }
}

public sealed class SqliteImportWebTests(SqliteCycle fixture) : ImportWebTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresImportWebTests(PostgresCycle fixture) : ImportWebTests(fixture), IClassFixture<PostgresCycle>;
