using System.Net;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Organisations;

/// <summary>
/// A municipality starts alone, on the web: the administrator creates it from the national list,
/// its secretariat sets up a plan and changes the settings until a year is published.
/// </summary>
public abstract class OnboardingWebTests(OnboardingFixture fixture)
{
    private readonly AyumiFactory _factory = fixture.Factory;

    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    [Fact]
    public async Task The_administrator_finds_Ena_by_its_reading_and_creates_it_with_its_population()
    {
        var admin = await _factory.SignedInAsync(OnboardingFixture.Administrator);
        var found = await admin.GetAsync("/organisations/new?Query=" + Uri.EscapeDataString("えなし"));
        var row = found.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "岐阜県恵那市");
        Assert.Contains("48,371", row.TextContent);

        var created = await admin.PostAsync("/organisations/new", [Field("Code", "212105"), Field("Query", "えなし")]);
        Assert.Equal("/organisations/212105?created=1", created.Headers.Location!.OriginalString);
        var page = await admin.GetAsync("/organisations/212105?created=1");
        Assert.Contains("恵那市を追加しました", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("48,371人", page.QuerySelector(".summary-list")!.TextContent);

        var ena = await _factory.QueryAsync(db => db.Organisations.SingleAsync(o => o.Code == LocalGovernmentCode.Parse("212105")));
        Assert.Equal(("恵那市", OrganisationKind.Municipality, "岐阜県", "えなし", "210005", 48371), (ena.Name, ena.Kind, ena.Prefecture, ena.Reading, ena.ParentCode?.Value, ena.Population));
        Assert.True(await _factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Organisation) && a.EntityId == ena.Id.ToString() && a.Action == AuditAction.Added && a.UserName == OnboardingFixture.Administrator)));

        var again = await admin.PostAndReadAsync("/organisations/new", [Field("Code", "212105")]);
        Assert.Contains("すでに登録されています", again.QuerySelector("[role=alert]")!.TextContent);
        var listed = await admin.GetAsync("/organisations/new?Query=212105");
        Assert.Equal("/organisations/212105", listed.QuerySelector("tbody a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("041017", "仙台市青葉区（政令指定都市の区）")]
    [InlineData("016951", "色丹村で、住民がいない")]
    [InlineData("219991", "一覧にありません")]
    [InlineData("21210", "団体コードとして読めません")]
    public async Task An_organisation_outside_the_list_is_refused_with_a_message(string code, string message)
    {
        var admin = await _factory.SignedInAsync(OnboardingFixture.Administrator);
        var before = await _factory.QueryAsync(db => db.Organisations.CountAsync());
        var refused = await admin.PostAndReadAsync("/organisations/new", [Field("Code", code)]);
        Assert.Contains(message, refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(before, await _factory.QueryAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task A_wide_area_union_is_entered_by_hand_but_not_under_a_listed_code()
    {
        var admin = await _factory.SignedInAsync(OnboardingFixture.Administrator);
        var listedCode = await admin.PostAndReadAsync("/organisations/new?handler=Union",
            [Field("Union.Code", "132195"), Field("Union.Name", "狛江広域連合"), Field("Union.Reading", "こまえこういきれんごう")]);
        Assert.Contains("東京都狛江市の団体コードです", listedCode.QuerySelector("[role=alert]")!.TextContent);

        var code = "21998" + LocalGovernmentCode.CheckDigit("21998");
        var created = await admin.PostAsync("/organisations/new?handler=Union",
            [Field("Union.Code", code), Field("Union.Name", "東濃広域連合"), Field("Union.Reading", "とうのうこういきれんごう"), Field("Union.Prefecture", "岐阜県"), Field("Union.Population", "320000")]);
        Assert.Equal($"/organisations/{code}?created=1", created.Headers.Location!.OriginalString);
        var union = await _factory.QueryAsync(db => db.Organisations.SingleAsync(o => o.Code == LocalGovernmentCode.Parse(code)));
        Assert.Equal((OrganisationKind.WideAreaUnion, "東濃広域連合", 320000), (union.Kind, union.Name, union.Population));
        var page = await admin.GetAsync($"/organisations/{code}");
        Assert.Contains("広域連合・一部事務組合", page.QuerySelector(".summary-list")!.TextContent);
    }

    [Fact]
    public async Task The_secretariat_creates_a_plan_and_changes_its_settings_until_a_year_is_published()
    {
        var admin = await _factory.SignedInAsync(OnboardingFixture.Administrator);
        await admin.PostAsync("/organisations/new", [Field("Code", "132195")]);
        const string secretariat = "jimukyoku@city.komae.example.jp";
        await fixture.AddSecretariatAsync(secretariat, "132195");
        var user = await _factory.SignedInAsync(secretariat);

        var form = await user.GetAsync("/organisations/132195/plans/new");
        Assert.Equal("狛江市再犯防止推進計画", form.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("#scale-A-D[checked]"));
        var created = await user.PostAsync("/organisations/132195/plans/new",
        [
            Field("Form.Name", "狛江市再犯防止推進計画"), Field("Form.Generation", "1"), Field("Form.PeriodStart", "R6"), Field("Form.PeriodEnd", "令和8年度"),
            Field("Form.Levels", "基本目標、施策"), Field("Form.MeasureLevel", "重点取組"), Field("Form.Scale", "A-D"), Field("Form.PredecessorId", ""),
        ]);
        var planId = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0]);
        var plan = await LoadPlanAsync(planId);
        Assert.Equal((PlanStatus.Draft, new FiscalYear(2024), new FiscalYear(2026)), (plan.Status, plan.PeriodStart, plan.PeriodEnd));
        Assert.Equal(["基本目標", "施策", "重点取組"], plan.Levels.Select(l => l.Name));
        Assert.Equal(ReadyMadeGradeScale.EnaAtoD.Scale.Grades, plan.Grades);

        var saved = await user.PostAsync($"/plans/{planId}/settings",
        [
            Field("Form.Name", "第1次狛江市再犯防止推進計画"), Field("Form.Generation", "1"), Field("Form.PeriodStart", "FY2024"), Field("Form.PeriodEnd", "R8"),
            Field("Form.Levels", "基本目標,施策"), Field("Form.MeasureLevel", "重点取組"), Field("Form.Scale", "custom"),
            Field("Form.Grades[0].Symbol", "達成"), Field("Form.Grades[0].Label", "目標を達成"), Field("Form.Grades[0].Meaning", "Done"),
            Field("Form.Grades[1].Symbol", "未達成"), Field("Form.Grades[1].Label", "目標に届かない"), Field("Form.Grades[1].Meaning", "Behind"),
            Field("Form.Grades[2].Symbol", "その他"), Field("Form.Grades[2].Label", "評価困難"), Field("Form.Grades[2].Meaning", "NotJudged"),
            Field("Form.Grades[3].Symbol", ""), Field("Form.Grades[3].Label", ""), Field("Form.Grades[3].Meaning", ""),
        ]);
        Assert.Equal($"/plans/{planId}/settings?saved=1", saved.Headers.Location!.OriginalString);
        plan = await LoadPlanAsync(planId);
        Assert.Equal("第1次狛江市再犯防止推進計画", plan.Name);
        Assert.Equal([new GradeDefinition("達成", "目標を達成", GradeMeaning.Done), new("未達成", "目標に届かない", GradeMeaning.Behind), new("その他", "評価困難", GradeMeaning.NotJudged)], plan.Grades);
        var audited = await _factory.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Plan) && a.PlanId == planId && a.Action == AuditAction.Modified).Select(a => a.Changes).ToListAsync());
        Assert.Contains(audited, c => c.Contains("\"Name\"") && c.Contains("第1次狛江市再犯防止推進計画") && c.Contains("\"Grades\"") && c.Contains("未達成"));

        var badPeriod = await user.PostAndReadAsync($"/plans/{planId}/settings", [Field("Form.Name", "x"), Field("Form.Generation", "1"), Field("Form.PeriodStart", "来年"), Field("Form.PeriodEnd", "R8"), Field("Form.Levels", "基本目標"), Field("Form.MeasureLevel", "取組"), Field("Form.Scale", "A-D")]);
        Assert.Contains("来年", badPeriod.QuerySelector("[role=alert]")!.TextContent);

        await PublishAYearAsync(planId);
        var locked = await user.GetAsync($"/plans/{planId}/settings");
        Assert.Contains("公開済みの年度があるため", locked.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(locked.QuerySelector("#Form_Name"));
        var refused = await user.PostAndReadAsync($"/plans/{planId}/settings",
            [Field("Form.Name", "改名"), Field("Form.Generation", "1"), Field("Form.PeriodStart", "R6"), Field("Form.PeriodEnd", "R8"), Field("Form.Levels", "基本目標、施策"), Field("Form.MeasureLevel", "重点取組"), Field("Form.Scale", "A-D")],
            formPage: "/organisations/132195/plans/new");
        Assert.Contains("設定を変更できません", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("第1次狛江市再犯防止推進計画", (await LoadPlanAsync(planId)).Name);
    }

    private Task<Plan> LoadPlanAsync(int id) => _factory.QueryAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>A year of the plan reported and published, as a loaded document's are.</summary>
    private Task PublishAYearAsync(int planId) => _factory.QueryAsync(async db =>
    {
        var organisationId = await db.Plans.Where(p => p.Id == planId).Select(p => p.OrganisationId).SingleAsync();
        var organisation = await db.LoadOrganisationGraphAsync(o => o.Id == organisationId);
        var plan = organisation!.Plans.Single(p => p.Id == planId);
        var policy = plan.AddDraftNode(plan.AddDraftNode(null, "1", "基本目標1", null), "1-1", "施策1", null);
        plan.AddMeasure("1-1-1", policy, "1", "就労の支援", null).EntryFor(plan.PeriodStart).Results = "実施した。";
        plan.Publish();
        plan.RecordPublishedYears();
        return await db.SaveChangesAsync();
    });
}

public sealed class SqliteOnboardingWebTests(SqliteOnboarding fixture) : OnboardingWebTests(fixture), IClassFixture<SqliteOnboarding>;

public sealed class PostgresOnboardingWebTests(PostgresOnboarding fixture) : OnboardingWebTests(fixture), IClassFixture<PostgresOnboarding>;
