using System.Net;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Cycle;

/// <summary>The spring round, end to end over HTTP: open, fill in, submit, return, approve, lock, review, publish.</summary>
public abstract class CycleJourneyTests(CycleFixture fixture)
{
    private AyumiFactory Factory => fixture.Factory;

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private async Task<List<(int Id, string Department, string Measure)>> PartsAsync(int planId, int year) =>
        await Factory.QueryAsync(async db => (await db.EntryParts.Include(p => p.Department).Include(p => p.YearlyEntry).ThenInclude(e => e.Measure)
                .Where(p => p.YearlyEntry.Measure.PlanId == planId).ToListAsync())
            .Where(p => p.YearlyEntry.FiscalYear.StartYear == year)
            .Select(p => (p.Id, p.Department.Name, p.YearlyEntry.Measure.Title)).ToList());

    private static async Task<int> VersionAsync(WebUser user, int partId) =>
        int.Parse((await user.GetAsync($"/entries/{partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!);

    private static async Task<HttpResponseMessage> FillAsync(WebUser user, int partId, string handler, string results, string? grade, string budget = "")
    {
        var version = await VersionAsync(user, partId);
        var fields = new List<KeyValuePair<string, string>>
        {
            F("Input.Version", version.ToString()), F("Input.Results", results), F("Input.PlannedWork", "計画どおり実施する。"),
            F("Input.Budget.Shown", "true"), F("Input.Budget.Cells[Initial:m:t]", budget), F("Input.Budget.Cells[Final:m:t]", ""), F("Input.NextYearPlan", "継続して実施する。"),
        };
        if (grade is not null) fields.Add(F("Input.Grade", grade));
        return await user.PostAsync($"/entries/{partId}?handler={handler}", fields);
    }

    [Fact]
    public async Task The_whole_year_runs_from_opening_to_publication()
    {
        var planId = await Factory.PlanIdAsync("212105");
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        // This journey enters budgets, which Ena's sheet does not print: the secretariat has the form ask for every field.
        await CycleSetup.AskForEveryFieldAsync(secretariat, planId);

        // The secretariat opens FY2025 with a deadline.
        var opened = await secretariat.PostAsync($"/plans/{planId}/cycle", [F("FiscalYear", "令和7年度"), F("Deadline", CycleSetup.FutureDeadline)]);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/plans/{planId}/cycle/FY2025", opened.Headers.Location!.OriginalString);
        var parts = await PartsAsync(planId, 2025);
        Assert.Equal(15, parts.Count); // 12 measures, 3 of them shared by 総務課 and 社会福祉課
        Assert.Equal(12, parts.Select(p => p.Measure).Distinct().Count());
        var carried = await Factory.QueryAsync(db => db.YearlyEntries.Include(e => e.Measure)
            .Where(e => e.Measure.PlanId == planId && e.Measure.Title == "生活保護").ToListAsync());
        Assert.Equal("生活困窮の状況に応じて、生活保護を実施する。", carried.Single(e => e.FiscalYear.StartYear == 2025).PlannedWork);

        // Opening the same year twice is refused with a Japanese message.
        var twice = await secretariat.PostAndReadAsync($"/plans/{planId}/cycle", [F("FiscalYear", "FY2025"), F("Deadline", "")]);
        Assert.Contains("令和7年度はすでに開始されています", twice.QuerySelector("[role=alert]")!.TextContent);

        // 総務課 sees its to-do list: its five parts, and nothing of other departments.
        var soumu = await Factory.SignedInAsync(CycleFixture.Soumu);
        var todo = await soumu.GetAsync("/my");
        Assert.Equal(5, todo.QuerySelectorAll("table.my-entries tbody tr").Length);
        Assert.All(todo.QuerySelectorAll("table.my-entries tbody tr"), r => Assert.Contains("総務課", r.TextContent));

        // A draft without a grade cannot be submitted; the draft itself is kept.
        var soumuPart = parts.First(p => p.Department == "総務課" && p.Measure == "「社会を明るくする運動」の広報・周知");
        var incomplete = await FillAsync(soumu, soumuPart.Id, "Submit", "広報誌に掲載した。", grade: null);
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        var page = await soumu.GetAsync($"/entries/{soumuPart.Id}");
        Assert.Equal("広報誌に掲載した。", page.QuerySelector("textarea[name='Input.Results']")!.TextContent);
        Assert.Equal(PartStatus.Draft, await StatusAsync(soumuPart.Id));

        // A budget that is not a number is refused with the field named.
        var badBudget = await FillAsync(soumu, soumuPart.Id, "Save", "広報誌に掲載した。", "A", budget: "たくさん");
        var badPage = await soumu.PostAndReadAsync($"/entries/{soumuPart.Id}?handler=Save",
            [F("Input.Version", (await VersionAsync(soumu, soumuPart.Id)).ToString()), F("Input.Results", "x"), F("Input.Budget.Shown", "true"), F("Input.Budget.Cells[Initial:m:t]", "たくさん")]);
        Assert.Contains("千円単位の数字", badPage.QuerySelector("#budget-error")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, badBudget.StatusCode);

        // Every department submits all its parts.
        var editors = new Dictionary<string, WebUser>
        {
            ["総務課"] = soumu,
            ["社会福祉課"] = await Factory.SignedInAsync(CycleFixture.Fukushi),
        };
        var others = await Factory.SignedInAsync(CycleFixture.Others);
        foreach (var part in parts)
        {
            var editor = editors.GetValueOrDefault(part.Department, others);
            var submitted = await FillAsync(editor, part.Id, "Submit", $"{part.Department}が実施した。", "A", budget: part.Department == "総務課" ? "1,200" : "");
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        // A submitted part shows no form, and a direct post to it is refused.
        Assert.Null((await soumu.GetAsync($"/entries/{soumuPart.Id}")).QuerySelector("textarea[name='Input.Results']"));
        var locked = await soumu.PostAsync($"/entries/{soumuPart.Id}?handler=Save", [F("Input.Version", "3"), F("Input.Results", "後から書き換え"), F("Input.Grade", "B")]);
        Accounts.AssertDenied(locked);

        // The secretariat returns one part with a comment; the department revises and submits again.
        var dashboard = $"/plans/{planId}/cycle/FY2025";
        var returned = await secretariat.PostAndReadAsync($"{dashboard}?handler=Return", [F("partId", soumuPart.Id.ToString()), F("comment", "実施回数を追記してください。")]);
        Assert.Contains("差し戻しました", returned.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(PartStatus.Returned, await StatusAsync(soumuPart.Id));
        var revisit = await soumu.GetAsync($"/entries/{soumuPart.Id}");
        Assert.Contains("実施回数を追記してください。", revisit.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await FillAsync(soumu, soumuPart.Id, "Submit", "広報誌に2回掲載した。", "A", "1,200")).StatusCode);

        // Locking before everything is approved is refused and names what is missing.
        var early = await secretariat.PostAndReadAsync($"{dashboard}/lock", []);
        Assert.Contains("未承認の入力が15件", early.QuerySelector("[role=alert]")!.TextContent);
        // Each named by its full position and department, not a bare number that reads like a count.
        Assert.Matches(@"\(\d\)-\d \S+（[^）]+）", early.QuerySelector("[role=alert]")!.TextContent);

        foreach (var part in parts)
            await secretariat.PostAsync($"{dashboard}?handler=Approve", [F("partId", part.Id.ToString())]);
        Assert.All(parts, p => Assert.Equal(PartStatus.Approved, StatusAsync(p.Id).Result));

        // Shared measures are composed from both departments' parts, as the sheets write them.
        var shared = await Factory.QueryAsync(db => db.YearlyEntries.Include(e => e.Measure)
            .Where(e => e.Measure.PlanId == planId && e.Measure.Title == "情報交換会の実施").ToListAsync());
        var composed = shared.Single(e => e.FiscalYear.StartYear == 2025);
        Assert.Equal("総務課が実施した。（総務課） 社会福祉課が実施した。（社会福祉課）", composed.Results);
        Assert.Equal("A", composed.Grade);
        Assert.Equal(new ThousandYen(1200), composed.InitialBudget);

        // Before publication the public sees nothing of FY2025.
        var anonymous = Factory.NewUser();
        var before = await anonymous.GetAsync($"/plans/{planId}?year=FY2025");
        Assert.Null(before.QuerySelector("select#year option[value='FY2025']"));
        Assert.DoesNotContain("令和7年度", before.QuerySelector("table.tally caption")!.TextContent);
        Accounts.AssertChallenged(await anonymous.Client.GetAsync(dashboard));

        // Lock; the reviewer comments and evaluates; the secretariat answers.
        Assert.Contains("確定しました", (await secretariat.PostAndReadAsync($"{dashboard}/lock", [])).QuerySelector("[role=status]")!.TextContent);
        var reviewer = await Factory.SignedInAsync(CycleFixture.Reviewer);
        var review = $"/plans/{planId}/review/FY2025";
        var measureId = await Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == planId && m.Title == "生活保護").Select(m => m.Id).SingleAsync());
        var nodeId = await Factory.QueryAsync(db => db.PlanNodes.Where(n => n.PlanId == planId && n.Code == "(1)").Select(n => n.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostAsync($"{review}?handler=Comment", [F("measureId", measureId.ToString()), F("text", "支援件数の推移も示してください。")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostAsync($"{review}?handler=Evaluate", [F("nodeId", nodeId.ToString()), F("kind", "External"), F("grade", "A"), F("text", "着実に進んでいる。")])).StatusCode);
        var commentId = await Factory.QueryAsync(db => db.ReviewComments.Where(c => c.MeasureId == measureId).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"{review}?handler=Comment", [F("measureId", measureId.ToString()), F("answersId", commentId.ToString()), F("text", "次年度から掲載します。")])).StatusCode);
        var reviewPage = await reviewer.GetAsync(review);
        Assert.Contains("次年度から掲載します。", reviewPage.QuerySelector(".comment--answer")!.TextContent);
        Assert.Contains("着実に進んでいる。", reviewPage.QuerySelector(".evaluation")!.TextContent);

        // Publish: anonymous visitors now see FY2025, never the comments.
        Assert.Contains("公表しました", (await secretariat.PostAndReadAsync($"{dashboard}/publish", [])).QuerySelector("[role=status]")!.TextContent);
        var published = await anonymous.GetAsync($"/plans/{planId}?year=FY2025");
        Assert.Contains("令和7年度の評価の集計", published.QuerySelector("table.tally caption")!.TextContent);
        Assert.Equal("12", published.QuerySelector("table.tally tr.total td")!.TextContent);
        var measurePage = await anonymous.GetAsync($"/measures/{measureId}");
        Assert.Contains("社会福祉課が実施した。", measurePage.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("支援件数の推移", measurePage.QuerySelector("main")!.TextContent);

        // The audit trail shows who changed what, old → new.
        var history = await secretariat.GetAsync($"/measures/{measureId}/history");
        var rows = history.QuerySelectorAll("table.history tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("実施内容") && r.Contains("社会福祉課が実施した。"));
        Assert.Contains(history.QuerySelectorAll(".history-entry__title"), h => h.TextContent.Contains("社会福祉課が提出"));
    }

    private Task<PartStatus> StatusAsync(int partId) =>
        Factory.QueryAsync(db => db.EntryParts.Where(p => p.Id == partId).Select(p => p.Status).SingleAsync());
}

public sealed class SqliteCycleJourneyTests(SqliteCycle fixture) : CycleJourneyTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresCycleJourneyTests(PostgresCycle fixture) : CycleJourneyTests(fixture), IClassFixture<PostgresCycle>;
