using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Organisations;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Import;

/// <summary>
/// A sheet that no plan's period holds starts its plan: the wizard proposes what the sheet cannot
/// say, the preview shows the plan to create, and the commit creates it with the sheet in one save.
/// When two plans' periods hold the sheet's years, the preview asks which.
/// </summary>
public abstract class PlanFromSheetWebTests(OnboardingFixture fixture)
{
    private readonly AyumiFactory _factory = fixture.Factory;

    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    /// <summary>The organisation created by the administrator from the national list, with its secretariat signed in.</summary>
    private async Task<WebUser> StartAsync(string code, string secretariat)
    {
        var admin = await _factory.SignedInAsync(OnboardingFixture.Administrator);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/organisations/new", [Field("Code", code)])).StatusCode);
        await fixture.AddSecretariatAsync(secretariat, code);
        return await _factory.SignedInAsync(secretariat);
    }

    /// <summary>Uploads a file and returns where the upload sends the browser: the preview.</summary>
    internal static async Task<string> UploadAsync(WebUser user, string code, string fileName, byte[] content)
    {
        var form = await user.GetAsync($"/organisations/{code}/import");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(""), "Year" }, { new StringContent(""), "PlanName" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "Upload", fileName);
        var response = await user.Client.PostAsync($"/organisations/{code}/import", body);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static string Value(IDocument page, string selector) => page.QuerySelector(selector)!.GetAttribute("value")!;

    [Fact]
    public async Task A_sheet_for_an_organisation_without_a_plan_goes_to_the_wizard_whose_answers_create_the_plan_with_the_sheet_in_one_save()
    {
        var secretariat = await StartAsync("212105", "jimukyoku@ena.wizard.example.jp");
        var preview = await UploadAsync(secretariat, "212105", "ena-r6.xlsx", SheetsAsKeptTests.EnaWorkbook());

        // No plan to import into: the preview sends the secretariat to the wizard rather than guess one.
        var redirected = await secretariat.Client.GetAsync(preview);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        var wizard = redirected.Headers.Location!.OriginalString;
        Assert.Equal(preview + "/plan", wizard);
        var proposal = await secretariat.GetAsync(wizard);
        var says = proposal.QuerySelector(".summary-list")!.TextContent;
        Assert.Contains("令和6年度", says);
        Assert.Contains("12件", says);
        Assert.Contains("4行（(1)住居・就労の確保など", says);
        Assert.Contains("A(予定通り進行)", says);
        Assert.Equal(("恵那市再犯防止推進計画", "令和6年度", "令和10年度", "1"), (Value(proposal, "#Form_Name"), Value(proposal, "#Form_PeriodStart"), Value(proposal, "#Form_PeriodEnd"), Value(proposal, "input[name=LevelsAboveMeasures]")));
        Assert.Equal("事業", Value(proposal, "#Form_MeasureLevel"));
        Assert.NotNull(proposal.QuerySelector("#scale-A-D[checked]"));
        Assert.Contains("A(予定通り進行)＝順調", proposal.QuerySelector("label[for=scale-A-D]")!.TextContent);

        List<KeyValuePair<string, string>> Answers(string levels) =>
        [
            Field("Form.Name", "恵那市再犯防止推進計画"), Field("Form.Generation", "1"), Field("Form.PeriodStart", "R6"), Field("Form.PeriodEnd", "2028"),
            Field("Form.Levels", levels), Field("Form.MeasureLevel", "事業"), Field("Form.Scale", "A-D"), Field("Form.PredecessorId", ""), Field("LevelsAboveMeasures", "1"),
        ];
        var tooDeep = await secretariat.PostAndReadAsync(wizard, Answers("基本目標、基本方針"), wizard);
        Assert.Contains("取組の上に1階層", tooDeep.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(0, await _factory.QueryAsync(db => db.Plans.CountAsync(p => p.Organisation.Code == LocalGovernmentCode.Parse("212105"))));

        var answered = await secretariat.PostAsync(wizard, Answers("基本方針"), wizard);
        Assert.Equal(preview, answered.Headers.Location!.OriginalString);
        var shown = await secretariat.GetAsync(preview);
        var toCreate = shown.QuerySelector(".plan-from-sheet")!.TextContent;
        Assert.Contains("令和6年度～令和10年度", toCreate);
        Assert.Contains("基本方針 → 事業", toCreate);
        Assert.Null(shown.QuerySelector(".notice--error"));
        Assert.Equal("計画を作成して取り込む", shown.QuerySelector("form[data-busy-text] button[type=submit]")!.TextContent);
        Assert.Equal(0, await _factory.QueryAsync(db => db.Plans.CountAsync(p => p.Organisation.Code == LocalGovernmentCode.Parse("212105"))));

        var committed = await secretariat.PostAndReadAsync(preview, [], preview);
        var link = committed.QuerySelector(".notice--success a[href^='/plans/']")!.GetAttribute("href")!;
        var planId = int.Parse(link.Split('/').Last());
        var plan = await _factory.QueryAsync(db => db.Plans.AsNoTracking().Include(p => p.Measures).ThenInclude(m => m.Entries).SingleAsync(p => p.Id == planId));
        Assert.Equal(("恵那市再犯防止推進計画", new FiscalYear(2024), new FiscalYear(2028), PlanStatus.Published), (plan.Name, plan.PeriodStart, plan.PeriodEnd, plan.Status));
        Assert.Equal(["基本方針", "事業"], plan.Levels.Select(l => l.Name));
        Assert.Equal(ReadyMadeGradeScale.EnaAtoD.Scale.Grades, plan.Grades);
        Assert.Equal(12, plan.Measures.Count);
        var grades = plan.Measures.Select(m => m.Entries.Single(e => e.FiscalYear == new FiscalYear(2024)).Grade).ToList();
        Assert.Equal((9, 3), (grades.Count(g => g == "A"), grades.Count(g => g == "D")));
        Assert.True(await _factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Plan) && a.EntityId == planId.ToString() && a.Action == AuditAction.Added
            && a.UserName == "jimukyoku@ena.wizard.example.jp")), "the plan's creation is in the audit trail under the secretariat's name");
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.Client.GetAsync(wizard)).StatusCode);
    }

    [Fact]
    public async Task When_two_plans_periods_hold_the_sheets_years_the_preview_asks_which_and_imports_into_the_one_chosen()
    {
        const string code = "212024";
        var secretariat = await StartAsync(code, "jimukyoku@ogaki.wizard.example.jp");
        foreach (var (name, generation, start, end) in new[] { ("第1次計画", "1", "R2", "R6"), ("第2次計画", "2", "R6", "R10") })
            Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/organisations/{code}/plans/new",
            [
                Field("Form.Name", name), Field("Form.Generation", generation), Field("Form.PeriodStart", start), Field("Form.PeriodEnd", end),
                Field("Form.Levels", "施策"), Field("Form.MeasureLevel", "取組"), Field("Form.Scale", "A-D"), Field("Form.PredecessorId", ""),
            ])).StatusCode);
        var preview = await UploadAsync(secretariat, code, "r6.tsv", "番号\t取組\t所管課\tR6評価\n1\t就労支援\t商工課\tA\n"u8.ToArray());

        var asked = await secretariat.GetAsync(preview);
        Assert.Contains("複数の計画の期間に含まれます", asked.QuerySelector("[role=alert]")!.TextContent + asked.QuerySelector("table.import-problems")!.TextContent);
        Assert.Equal(["第1次計画", "第2次計画"], asked.QuerySelectorAll("select[name=plan] option").Select(o => o.GetAttribute("value")));
        Assert.Null(asked.QuerySelector("form[data-busy-text]"));
        Assert.Null(asked.QuerySelector(".plan-from-sheet"));

        var chosen = await secretariat.PostAsync(preview + "?handler=Plan", [Field("plan", "第1次計画")], preview);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var shown = await secretariat.GetAsync(preview);
        Assert.Contains("第1次計画", shown.QuerySelector(".summary-list")!.TextContent);
        Assert.Null(shown.QuerySelector(".notice--error"));
        await secretariat.PostAndReadAsync(preview, [], preview);
        var measures = await _factory.QueryAsync(db => db.Measures.Where(m => m.Plan.Organisation.Code == LocalGovernmentCode.Parse(code)).Select(m => m.Plan.Name).ToListAsync());
        Assert.Equal(["第1次計画"], measures);
    }

    [Fact]
    public async Task Measures_imported_without_a_policy_are_moved_to_policies_by_the_secretariat_in_the_published_plan_and_nobody_else()
    {
        const string code = "212059";
        var secretariat = await StartAsync(code, "jimukyoku@seki.wizard.example.jp");
        var preview = await UploadAsync(secretariat, code, "jigyo.tsv", "番号\t取組\t所管課\tR6評価\n1\t就労支援\t商工課\tA\n2\t住居支援\t建築課\tA\n"u8.ToArray());
        var wizard = preview + "/plan";
        Assert.Equal("1", Value(await secretariat.GetAsync(wizard), "input[name=LevelsAboveMeasures]"));
        await secretariat.PostAsync(wizard,
        [
            Field("Form.Name", "関市再犯防止推進計画"), Field("Form.Generation", "1"), Field("Form.PeriodStart", "R6"), Field("Form.PeriodEnd", "R10"),
            Field("Form.Levels", "施策"), Field("Form.MeasureLevel", "取組"), Field("Form.Scale", "A-D"), Field("Form.PredecessorId", ""), Field("LevelsAboveMeasures", "1"),
        ], wizard);
        await secretariat.PostAndReadAsync(preview, [], preview);
        var measures = await _factory.QueryAsync(db => db.Measures.Where(m => m.Plan.Organisation.Code == LocalGovernmentCode.Parse(code))
            .Select(m => new { m.Id, m.Title, m.Plan.Status }).ToListAsync());
        Assert.All(measures, m => Assert.Equal(PlanStatus.Published, m.Status));
        var (work, housing) = (measures.Single(m => m.Title == "就労支援").Id, measures.Single(m => m.Title == "住居支援").Id);
        Assert.Equal($"/measures/{work}/place", (await secretariat.GetAsync($"/measures/{work}")).QuerySelector("a[href$='/place']")!.GetAttribute("href"));

        await _factory.CreateAsync("shoko@seki.wizard.example.jp", code, MemberRole.DepartmentEditor, "商工課");
        var department = await _factory.SignedInAsync("shoko@seki.wizard.example.jp");
        Accounts.AssertDenied(await department.Client.GetAsync($"/measures/{work}/place"));
        Assert.Null((await department.GetAsync($"/measures/{work}")).QuerySelector("a[href$='/place']"));
        var other = await StartAsync("212075", "jimukyoku@mizunami.place.example.jp");
        Accounts.AssertDenied(await other.Client.GetAsync($"/measures/{work}/place"));
        Accounts.AssertDenied(await other.PostAsync($"/measures/{work}/place", [Field("PolicyId", "0"), Field("NewCode", "9"), Field("NewTitle", "乗っ取り"), Field("Code", "1")], "/organisations/212075/import"));

        var placed = await secretariat.PostAsync($"/measures/{work}/place", [Field("PolicyId", "0"), Field("NewCode", "1"), Field("NewTitle", "就労・住居の確保"), Field("Code", "1")]);
        Assert.Equal($"/measures/{work}", placed.Headers.Location!.OriginalString);
        var form = await secretariat.GetAsync($"/measures/{housing}/place");
        var policyId = form.QuerySelectorAll("input[name=PolicyId]").Select(i => i.GetAttribute("value")!).Single(v => v != "0");
        await secretariat.PostAsync($"/measures/{housing}/place", [Field("PolicyId", policyId), Field("Code", "2")]);

        var nodes = await _factory.QueryAsync(db => db.PlanNodes.Where(n => n.Plan.Organisation.Code == LocalGovernmentCode.Parse(code)).Select(n => new { n.Code, n.Title, n.IsPlaceholder }).ToListAsync());
        var policy = Assert.Single(nodes);
        Assert.Equal(("1", "就労・住居の確保", false), (policy.Code, policy.Title, policy.IsPlaceholder));
        var placements = await _factory.QueryAsync(db => db.MeasurePlacements.Where(p => p.Node.Code == "1" && p.Node.Plan.Organisation.Code == LocalGovernmentCode.Parse(code))
            .Select(p => p.Code).OrderBy(c => c).ToListAsync());
        Assert.Equal(["1", "2"], placements);
        var audited = await _factory.QueryAsync(db => db.AuditEntries.Where(a => a.UserName == "jimukyoku@seki.wizard.example.jp"
            && (a.EntityType == nameof(MeasurePlacement) && a.Action == AuditAction.Modified || a.EntityType == nameof(PlanNode) && a.Action != AuditAction.Modified)).Select(a => a.EntityType + a.Action).ToListAsync());
        Assert.Equal(2, audited.Count(a => a == nameof(MeasurePlacement) + AuditAction.Modified));
        Assert.Contains(nameof(PlanNode) + AuditAction.Added, audited);
        Assert.Contains(nameof(PlanNode) + AuditAction.Deleted, audited);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.Client.GetAsync($"/measures/{work}/place")).StatusCode);
    }

    [Fact]
    public async Task Another_organisations_secretariat_cannot_open_the_wizard_of_an_upload()
    {
        var secretariat = await StartAsync("212041", "jimukyoku@tajimi.wizard.example.jp");
        var wizard = await UploadAsync(secretariat, "212041", "tajimi.xlsx", SheetsAsKeptTests.EnaWorkbook()) + "/plan";
        Assert.Equal(HttpStatusCode.OK, (await secretariat.Client.GetAsync(wizard)).StatusCode);
        var other = await StartAsync("212067", "jimukyoku@nakatsugawa.wizard.example.jp");
        Accounts.AssertDenied(await other.Client.GetAsync(wizard));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(wizard.Replace("212041", "212067"))).StatusCode);
    }
}

public sealed class SqlitePlanFromSheetWebTests(SqliteOnboarding fixture) : PlanFromSheetWebTests(fixture), IClassFixture<SqliteOnboarding>;

public sealed class PostgresPlanFromSheetWebTests(PostgresOnboarding fixture) : PlanFromSheetWebTests(fixture), IClassFixture<PostgresOnboarding>;
