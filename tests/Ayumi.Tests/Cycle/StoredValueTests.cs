using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Cycle;

/// <summary>
/// No stored value is lost on the way from an imported sheet through the yearly cycle and
/// back: every path that writes an entry keeps what no person changed, and the audit trail
/// names the person who did change a value.
/// </summary>
public abstract class StoredValueTests(CycleFixture fixture)
{
    private AyumiFactory Factory => fixture.Factory;

    private static readonly string[] Fields =
        [nameof(YearlyEntry.PlannedWork), nameof(YearlyEntry.Results), nameof(YearlyEntry.Grade), nameof(YearlyEntry.InitialBudget), nameof(YearlyEntry.FinalBudget),
         nameof(YearlyEntry.IssuesAndDirection), nameof(YearlyEntry.NextYearPlan), nameof(YearlyEntry.TargetProgress), nameof(YearlyEntry.Target), nameof(YearlyEntry.Notes)];

    private const string SharedMeasure = "情報交換会の実施";
    private const string SharedResults = "保護司会と情報交換会を開いた。（総務課） 関係機関と情報を共有した。（社会福祉課）";
    private static readonly Dictionary<string, string> SharedShares = new() { ["総務課"] = "保護司会と情報交換会を開いた。", ["社会福祉課"] = "関係機関と情報を共有した。" };

    /// <summary>
    /// Ena's progress sheet as it comes back for <paramref name="year"/> (R7 or R8): grades, results, the next
    /// year's plan, and budgets for every measure; the shared 情報交換会 written per department.
    /// </summary>
    private static byte[] EnaSheet(int year, Func<string, string>? change = null)
    {
        var lines = File.ReadAllLines(TestPaths.Seed("ena-city.txt")).Select((line, i) =>
        {
            if (line.StartsWith("基本目標\t")) return line.Replace("R6評価\tR6実施内容\tR7実施予定", $"R{year}評価\tR{year}実施内容\tR{year + 1}実施予定") + $"\tR{year}当初予算額\tR{year}最終予算額";
            var cells = line.Split('\t');
            if (cells.Length < 9 || cells[2].Length == 0) return line;
            if (cells[3] == SharedMeasure) cells[7] = SharedResults;
            return string.Join('\t', cells) + $"\t{1000 + i * 10:#,0}\t{(i % 3 == 0 ? "" : (900 + i * 10).ToString())}";
        });
        var text = string.Join('\n', lines);
        return Encoding.UTF8.GetBytes(change is null ? text : change(text));
    }

    private async Task<IDocument> ImportAsync(WebUser secretariat, string fileName, byte[] content)
    {
        var form = await secretariat.GetAsync("/organisations/212105/import");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(""), "Year" },
            { new StringContent(""), "PlanName" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        body.Add(file, "Upload", fileName);
        var uploaded = await secretariat.Client.PostAsync("/organisations/212105/import", body);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = uploaded.Headers.Location!.OriginalString;
        return await secretariat.PostAndReadAsync(preview, [], preview);
    }

    private static void AssertImported(IDocument committed) =>
        Assert.True(committed.QuerySelector(".notice--success")?.TextContent.Contains("取り込みました") == true,
            committed.QuerySelector("table.import-problems")?.TextContent ?? committed.QuerySelector("main")?.TextContent);

    /// <summary>Every field of every entry of the year, by measure title and field name.</summary>
    private Task<Dictionary<(string Measure, string Field), string?>> ValuesAsync(int planId, FiscalYear year) =>
        Factory.QueryAsync(async db => (await db.YearlyEntries.Include(e => e.Measure).Where(e => e.Measure.PlanId == planId).ToListAsync())
            .Where(e => e.FiscalYear == year)
            .SelectMany(e => Fields.Select(f => (Key: (e.Measure.Title, f), Value: typeof(YearlyEntry).GetProperty(f)!.GetValue(e)?.ToString())))
            .ToDictionary(v => v.Key, v => v.Value));

    /// <summary>Every value stored before is still there, except those a person cleared.</summary>
    private static void AssertNothingLost(Dictionary<(string, string), string?> before, Dictionary<(string, string), string?> after, params (string, string)[] cleared)
    {
        var lost = before.Where(v => v.Value is not null && after.GetValueOrDefault(v.Key) is null).Select(v => v.Key).ToList();
        Assert.Equal(cleared.Order(), lost.Order());
    }

    private Task<List<(int Id, string Department, string Measure)>> PartsAsync(int planId, FiscalYear year) =>
        Factory.QueryAsync(async db => (await db.EntryParts.Include(p => p.Department).Include(p => p.YearlyEntry).ThenInclude(e => e.Measure)
                .Where(p => p.YearlyEntry.Measure.PlanId == planId).ToListAsync())
            .Where(p => p.YearlyEntry.FiscalYear == year).Select(p => (p.Id, p.Department.Name, p.YearlyEntry.Measure.Title)).ToList());

    private Task<long> LastAuditIdAsync() => Factory.QueryAsync(async db => await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0);

    /// <summary>The audit rows written after <paramref name="since"/>, each with its changed fields.</summary>
    private Task<List<(AuditEntry Row, JsonObject Changes)>> AuditSinceAsync(long since, string entityType) =>
        Factory.QueryAsync(async db => (await db.AuditEntries.Where(a => a.Id > since && a.EntityType == entityType).OrderBy(a => a.Id).ToListAsync())
            .Select(a => (a, JsonNode.Parse(a.Changes)!.AsObject())).ToList());

    /// <summary>The department's form as the browser would send it back: every field as shown, text with CRLF line endings.</summary>
    private static List<KeyValuePair<string, string>> FormAsShown(IDocument page)
    {
        var form = page.QuerySelector("form.entry-form") ?? throw new InvalidOperationException("the part shows no form");
        // The anti-forgery token is sent by WebUser.PostAsync.
        var fields = form.QuerySelectorAll("input[name]:not([name='__RequestVerificationToken'])").Where(i => i.GetAttribute("type") != "radio" || i.HasAttribute("checked"))
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.AddRange(form.QuerySelectorAll("textarea[name]").Select(t => new KeyValuePair<string, string>(t.GetAttribute("name")!, t.TextContent.ReplaceLineEndings("\r\n"))));
        return fields;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string name, string value) =>
        [.. fields.Where(f => f.Key != name), new(name, value)];

    private async Task<Dictionary<string, WebUser>> EditorsAsync() => new()
    {
        ["総務課"] = await Factory.SignedInAsync(CycleFixture.Soumu),
        ["社会福祉課"] = await Factory.SignedInAsync(CycleFixture.Fukushi),
        [""] = await Factory.SignedInAsync(CycleFixture.Others),
    };

    private static WebUser EditorOf(Dictionary<string, WebUser> editors, string department) => editors.GetValueOrDefault(department, editors[""]);

    private static async Task SubmitAsShownAsync(WebUser editor, int partId, Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>>? change = null)
    {
        var form = FormAsShown(await editor.GetAsync($"/entries/{partId}"));
        var submitted = await editor.PostAsync($"/entries/{partId}?handler=Submit", change is null ? form : change(form));
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, $"part {partId} was not submitted: {submitted.StatusCode}");
    }

    private Task<string> UserIdAsync(string email) => Factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task An_imported_year_opened_in_the_cycle_keeps_its_results_and_budgets_through_submission_and_approval()
    {
        var planId = await Factory.PlanIdAsync("212105");
        var year = new FiscalYear(2025);
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        // The departments' forms show every stored value here, budgets included, which Ena's sheet does not print.
        await CycleSetup.AskForEveryFieldAsync(secretariat, planId);
        AssertImported(await ImportAsync(secretariat, "ena-r7.txt", EnaSheet(7)));
        var imported = await ValuesAsync(planId, year);
        Assert.Equal(12, imported.Count(v => v.Key.Field == nameof(YearlyEntry.InitialBudget) && v.Value is not null));

        var opened = await LastAuditIdAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{planId}/cycle", [new("FiscalYear", "令和7年度"), new("Deadline", CycleSetup.FutureDeadline)])).StatusCode);
        var editors = await EditorsAsync();
        var parts = await PartsAsync(planId, year);
        foreach (var (id, department, measure) in parts)
        {
            var editor = EditorOf(editors, department);
            var page = await editor.GetAsync($"/entries/{id}");
            // The department sees what the sheet said, its own share of a shared measure, and the budgets on the lead department's part.
            var results = page.QuerySelector("textarea[name='Input.Results']")!.TextContent;
            Assert.Equal(measure == SharedMeasure ? SharedShares[department] : imported[(measure, "Results")], results);
            // Ena's shared measures name 総務課 first.
            var lead = parts.Count(p => p.Measure == measure) == 1 || department == "総務課";
            Assert.Equal(lead ? imported[(measure, "InitialBudget")] : "", page.QuerySelector("input[name='Input.Budget.Cells[Initial:m:t]']")!.GetAttribute("value") ?? "");
            Assert.NotNull(page.QuerySelector("input[name='Input.Grade'][checked]"));
            await SubmitAsShownAsync(editor, id);
        }
        foreach (var (id, _, _) in parts)
            await secretariat.PostAsync($"/plans/{planId}/cycle/FY2025?handler=Approve", [new("partId", id.ToString())]);

        var approved = await ValuesAsync(planId, year);
        AssertNothingLost(imported, approved);
        Assert.All(imported.Where(v => v.Key.Field != nameof(YearlyEntry.PlannedWork)), v => Assert.Equal(v.Value, approved[v.Key]));
        // Opening carried last year's plan forward; nothing else of the entries changed, and approval wrote nothing nobody typed.
        var entryChanges = await AuditSinceAsync(opened, nameof(YearlyEntry));
        Assert.NotEmpty(entryChanges);
        Assert.All(entryChanges, c => Assert.Equal([nameof(YearlyEntry.PlannedWork)], c.Changes.Select(f => f.Key)));
        var secretariatId = await UserIdAsync(CycleFixture.Secretariat);
        Assert.All(entryChanges, c => Assert.Equal(secretariatId, c.Row.UserId));
    }

    [Fact]
    public async Task Every_path_that_writes_an_entry_keeps_what_nobody_changed_and_the_audit_names_who_changed_the_rest()
    {
        var planId = await Factory.PlanIdAsync("212105");
        var year = new FiscalYear(2026);
        var dashboard = $"/plans/{planId}/cycle/FY2026";
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        // The departments' forms show every stored value here, budgets included, which Ena's sheet does not print.
        await CycleSetup.AskForEveryFieldAsync(secretariat, planId);

        // Import: the secretariat's upload writes the year's entries, in its name.
        var imported = await LastAuditIdAsync();
        AssertImported(await ImportAsync(secretariat, "ena-r8.txt", EnaSheet(8)));
        Assert.All(await AuditSinceAsync(imported, nameof(YearlyEntry)), c => Assert.Equal(CycleFixture.Secretariat, c.Row.UserName));
        var stored = await ValuesAsync(planId, year);

        // Open: nothing stored is lost. (Ena's plan runs for 令和6年度 only, so 令和8年度 is opened with a reason.)
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{planId}/cycle",
            [new("FiscalYear", "令和8年度"), new("Deadline", CycleSetup.FutureDeadline), new("OutOfPeriodReason", "次期計画の策定まで進行管理を続けるため")])).StatusCode);
        var opened = await ValuesAsync(planId, year);
        AssertNothingLost(stored, opened);
        var sinceOpening = await LastAuditIdAsync();

        var parts = await PartsAsync(planId, year);
        var editors = await EditorsAsync();
        var soumuShared = parts.Single(p => p.Measure == SharedMeasure && p.Department == "総務課").Id;
        var fukushiSingle = parts.Single(p => p.Measure == "生活保護").Id;

        // Draft: 総務課 adds its direction to the shared measure; submit: every department sends its form, 社会福祉課 clearing one budget.
        var soumu = editors["総務課"];
        var draft = With(FormAsShown(await soumu.GetAsync($"/entries/{soumuShared}")), "Input.IssuesAndDirection", "開催回数を増やす。");
        Assert.Equal(HttpStatusCode.Redirect, (await soumu.PostAsync($"/entries/{soumuShared}?handler=Save", draft)).StatusCode);
        foreach (var (id, department, _) in parts)
            await SubmitAsShownAsync(EditorOf(editors, department), id, id == fukushiSingle ? form => With(form, "Input.Budget.Cells[Final:m:t]", "") : null);

        // Return: the secretariat sends 総務課's part back; 総務課 rewrites its results.
        await secretariat.PostAsync($"{dashboard}?handler=Return", [new("partId", soumuShared.ToString()), new("comment", "回数を書いてください。")]);
        await SubmitAsShownAsync(soumu, soumuShared, form => With(form, "Input.Results", "保護司会と情報交換会を2回開いた。"));

        // Approve and compose.
        foreach (var (id, _, _) in parts)
            await secretariat.PostAsync($"{dashboard}?handler=Approve", [new("partId", id.ToString())]);
        var approved = await ValuesAsync(planId, year);
        AssertNothingLost(opened, approved, ("生活保護", "FinalBudget"));
        Assert.Equal("保護司会と情報交換会を2回開いた。（総務課） 関係機関と情報を共有した。（社会福祉課）", approved[(SharedMeasure, "Results")]);
        Assert.Equal("開催回数を増やす。（総務課）", approved[(SharedMeasure, "IssuesAndDirection")]);
        Assert.Equal(opened.Where(v => v.Key is not ((SharedMeasure, "Results") or (SharedMeasure, "IssuesAndDirection") or ("生活保護", "FinalBudget"))),
            approved.Where(v => v.Key is not ((SharedMeasure, "Results") or (SharedMeasure, "IssuesAndDirection") or ("生活保護", "FinalBudget"))));

        // The entry changed only where a department changed its part, and that department's save is in the trail under its editor's name.
        var entryChanges = await AuditSinceAsync(sinceOpening, nameof(YearlyEntry));
        Assert.Equal(["BudgetFigures", "IssuesAndDirection", "Results"], entryChanges.SelectMany(c => c.Changes.Select(f => f.Key)).Order());
        Assert.All(entryChanges, c => Assert.Equal(CycleFixture.Secretariat, c.Row.UserName));
        var partChanges = await AuditSinceAsync(sinceOpening, nameof(EntryPart));
        (string Editor, int Part, string Field)[] typed =
            [(CycleFixture.Soumu, soumuShared, "IssuesAndDirection"), (CycleFixture.Soumu, soumuShared, "Results"), (CycleFixture.Fukushi, fukushiSingle, "BudgetFigures")];
        foreach (var (editor, part, field) in typed)
            Assert.Contains(partChanges, c => c.Row.EntityId == part.ToString() && c.Row.UserName == editor && c.Changes.ContainsKey(field));
        Assert.DoesNotContain(partChanges, c => c.Row.UserName == CycleFixture.Secretariat && c.Changes.Any(f => f.Key is not ("Status" or "Version" or "ReturnComment")));
        // The cleared final budget leaves the part's line, its initial budget kept.
        var cleared = (string?)partChanges.Last(c => c.Row.EntityId == fukushiSingle.ToString() && c.Changes.ContainsKey("BudgetFigures")).Changes["BudgetFigures"]!["new"];
        Assert.DoesNotContain("\"Final\"", cleared);
        Assert.Contains("\"Initial\"", cleared);

        // Lock and publish write no entry.
        var beforeLock = await LastAuditIdAsync();
        await secretariat.PostAsync($"{dashboard}/lock", []);
        await secretariat.PostAsync($"{dashboard}/publish", []);
        Assert.Equal(ReportingStatus.Published, await Factory.QueryAsync(db => db.ReportingYears.Where(r => r.PlanId == planId && r.FiscalYear == year).Select(r => r.Status).SingleAsync()));
        Assert.Empty(await AuditSinceAsync(beforeLock, nameof(YearlyEntry)));
        Assert.Equal(approved, await ValuesAsync(planId, year));

        // Re-import: the original sheet would overwrite what the departments wrote, so all of it is refused;
        // the sheet with those cells left empty imports and changes nothing.
        var again = await ImportAsync(secretariat, "ena-r8.txt", EnaSheet(8));
        Assert.Contains("年度サイクルで管理しているため", again.QuerySelector("table.import-problems")!.TextContent);
        Assert.Equal(approved, await ValuesAsync(planId, year));
        var blanked = EnaSheet(8, text => string.Join('\n', text.Replace(SharedResults, "").Split('\n')
            .Select(l => l.Contains("\t生活保護\t") ? l[..l.LastIndexOf('\t')] + "\t" : l)));
        AssertImported(await ImportAsync(secretariat, "ena-r8-blank.txt", blanked));
        Assert.Equal(approved, await ValuesAsync(planId, year));
    }
}

public sealed class SqliteStoredValueTests(SqliteCycle fixture) : StoredValueTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresStoredValueTests(PostgresCycle fixture) : StoredValueTests(fixture), IClassFixture<PostgresCycle>;
