using System.Net;
using System.Text;
using System.Text.Json;
using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Import;

public abstract partial class ImportWebTests
{
    /// <summary>Akita's list as the city published it a year later: its R4 plans.</summary>
    private static byte[] AkitaR4() =>
        Encoding.UTF8.GetBytes(File.ReadAllText(TestPaths.Seed("akita-city.txt")).Replace("令和3年度取組予定", "令和4年度取組予定"));

    [Fact]
    public async Task Imported_past_years_marked_as_published_show_publicly_and_the_marking_is_audited()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.AkitaSecretariat);
        var plan = await Factory.PlanIdAsync("052019");
        var anonymous = Factory.CreateClient();
        var hidden = await anonymous.GetStringAsync($"/api/v1/plans/{plan}/measures?fiscalYear=R4");
        Assert.DoesNotContain("\"entry\":{", hidden);

        var (url, preview) = await PreviewAsync(secretariat, "052019", "akita-r4.txt", AkitaR4());
        var box = preview.QuerySelector("input[name='PublishYears']")!;
        Assert.Contains("令和4年度", box.ParentElement!.TextContent);
        var committed = await secretariat.PostAndReadAsync(url, [new("PublishYears", "true")], url);
        Assert.Contains("取り込みました", committed.QuerySelector(".notice--success")!.TextContent);

        var years = await Factory.QueryAsync(db => db.ReportingYears.Where(y => y.PlanId == plan).ToListAsync());
        Assert.Contains(years, y => y.FiscalYear == new FiscalYear(2022) && y.Status == ReportingStatus.Published);
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ReportingYear))), "the marking is in the audit trail");
        using var shown = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/plans/{plan}/measures?fiscalYear=R4"));
        var first = shown.RootElement.EnumerateArray().First(m => m.GetProperty("key").GetString() == "1-(1)-①");
        Assert.Equal(2022, first.GetProperty("entry").GetProperty("fiscalYear").GetInt32());
    }

    [Fact]
    public async Task A_sheet_with_unread_columns_lists_them_with_the_column_mapping_one_click_away()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var withFunding = EnaNextYear(t => t.Replace("R8実施予定\n", "R8実施予定\t国庫\t県費\n"));
        var (_, preview) = await PreviewAsync(secretariat, "212105", "ena-funding.txt", withFunding);
        var notice = preview.QuerySelector(".import-not-imported")!;
        Assert.Contains("取り込まない列: 国庫 (J列), 県費 (K列)", notice.TextContent);
        Assert.EndsWith("/columns", notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotMatch("[A-Za-z]{4,}", notice.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.Client.GetAsync(notice.QuerySelector("a")!.GetAttribute("href"))).StatusCode);
    }
}
