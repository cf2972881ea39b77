using System.Globalization;
using System.Text.RegularExpressions;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Cycle;

/// <summary>A measure's 変更履歴 as people read it: labels in the screen's language, Japan time in the era calendar, names, phrases marked.</summary>
public abstract partial class HistoryPageTests(CycleFixture fixture) : IAsyncLifetime
{
    private AyumiFactory Factory => fixture.Factory;
    private int _planId, _measureId, _partId;

    private const string Measure = "生活保護";
    private const string FirstResults = "保護司会と常に連携し、情報共有を行っている。";
    private const string SecondResults = "保護司会及び更生保護女性会と連携し、年4回の情報共有を行った。";
    private const string Reason = "実施回数を追記してください。";

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    /// <summary>社会福祉課 submits, the secretariat returns the part with a reason, 社会福祉課 rewrites and submits again, the secretariat approves.</summary>
    public async Task InitializeAsync()
    {
        _planId = await Factory.PlanIdAsync("212105");
        var year = FiscalYear.Parse("FY2025");
        if (!await Factory.QueryAsync(db => db.ReportingYears.AnyAsync(r => r.PlanId == _planId && r.FiscalYear == year)))
            await CycleSetup.OpenAsync(Factory, _planId, year);
        _partId = await CycleSetup.PartIdAsync(Factory, _planId, "社会福祉課", Measure);
        _measureId = await Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == _planId && m.Title == Measure).Select(m => m.Id).SingleAsync());
        if (await Factory.QueryAsync(db => db.EntryParts.Where(p => p.Id == _partId).Select(p => p.Status).SingleAsync()) == PartStatus.Approved) return;
        var fukushi = await Factory.SignedInAsync(CycleFixture.Fukushi);
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var dashboard = $"/plans/{_planId}/cycle/FY2025";
        await SubmitAsync(fukushi, FirstResults);
        await secretariat.PostAsync($"{dashboard}?handler=Return", [F("partId", _partId.ToString()), F("comment", Reason)]);
        await SubmitAsync(fukushi, SecondResults);
        await secretariat.PostAsync($"{dashboard}?handler=Approve", [F("partId", _partId.ToString())]);
        Assert.Equal(PartStatus.Approved, await Factory.QueryAsync(db => db.EntryParts.Where(p => p.Id == _partId).Select(p => p.Status).SingleAsync()));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task SubmitAsync(WebUser user, string results)
    {
        var version = (await user.GetAsync($"/entries/{_partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        await user.PostAsync($"/entries/{_partId}?handler=Submit",
            [F("Input.Version", version), F("Input.Results", results), F("Input.Grade", "A"), F("Input.Budget.Shown", "true"), F("Input.Budget.Cells[Initial:m:t]", ""), F("Input.Budget.Cells[Final:m:t]", "")]);
    }

    [Fact]
    public async Task Each_entry_says_in_words_what_happened_and_who_did_it()
    {
        var page = await (await Factory.SignedInAsync(CycleFixture.Secretariat)).GetAsync($"/measures/{_measureId}/history");
        var titles = page.QuerySelectorAll(".history-entry__title").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("社会福祉課が提出", titles);
        Assert.Contains($"事務局が差し戻し（理由: {Reason}）", titles);
        Assert.Contains("事務局が承認", titles);
        Assert.Contains("社会福祉課の入力欄を用意（年度の開始）", titles);
        var meta = page.QuerySelectorAll(".history-entry__meta").Select(m => m.TextContent).ToList();
        Assert.Contains(meta, m => m.Contains("fukushi") && m.Contains("令和7年度 社会福祉課の入力"));
        Assert.DoesNotContain(meta, m => m.Contains(CycleFixture.Fukushi));
    }

    [Fact]
    public async Task Fields_and_statuses_are_named_in_Japanese_and_departments_by_name()
    {
        var page = await (await Factory.SignedInAsync(CycleFixture.Secretariat)).GetAsync($"/measures/{_measureId}/history");
        var main = page.QuerySelector("main")!.TextContent;
        foreach (var raw in new[] { "Status", "ReturnComment", "DepartmentId", "EntryPart", "YearlyEntryId", "Submitted", "Returned" })
            Assert.DoesNotContain(raw, main);
        var rows = page.QuerySelectorAll("table.history tbody tr").ToList();
        // Newest first: the second submission, after the return.
        var status = rows.First(r => r.QuerySelector("th")!.TextContent == "状況" && r.TextContent.Contains("差し戻し"));
        // A status reads old → new whole, never marked letter by letter.
        Assert.Equal(["差し戻し", "提出済み"], status.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Empty(status.QuerySelectorAll("ins, del"));
        Assert.Contains(rows, r => r.QuerySelector("th")!.TextContent == "担当課" && r.TextContent.Contains("社会福祉課"));
        Assert.Contains(rows, r => r.QuerySelector("th")!.TextContent == "差し戻しの理由" && r.TextContent.Contains(Reason));
    }

    [Fact]
    public async Task Text_changes_are_marked_by_phrase()
    {
        var page = await (await Factory.SignedInAsync(CycleFixture.Secretariat)).GetAsync($"/measures/{_measureId}/history");
        var results = page.QuerySelectorAll("table.history tbody tr")
            .First(r => r.QuerySelector("th")!.TextContent == "実施内容" && r.QuerySelector("ins") is not null);
        var marks = results.QuerySelectorAll("ins, del").Select(m => m.TextContent).ToList();
        Assert.Contains(marks, m => m.Contains("更生保護女性会"));
        Assert.All(marks, m => Assert.True(m.Length >= 2, string.Join(" | ", marks)));
        // The unchanged phrase stays unmarked.
        Assert.Contains("情報共有を行", string.Concat(results.QuerySelectorAll("td")[1].ChildNodes.Where(n => n.NodeName == "#text").Select(n => n.TextContent)));
    }

    [Fact]
    public async Task Times_are_in_Japan_time_in_the_era_calendar_and_in_English_marked_JST()
    {
        // A record made at 13:42 UTC is shown at 22:42 in Japan.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
            db.AuditEntries.Add(new AuditEntry(new DateTimeOffset(2025, 6, 3, 13, 42, 0, TimeSpan.Zero), null, "system", AuditAction.Modified,
                nameof(EntryPart), _partId.ToString(), _planId, _measureId, """{"Grade":{"old":"B","new":"A"}}"""));
            await db.SaveChangesAsync();
        }
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var page = await secretariat.GetAsync($"/measures/{_measureId}/history");
        var times = page.QuerySelectorAll(".history-entry__meta time").ToList();
        Assert.Contains(times, t => t.TextContent == "令和7年6月3日 22:42");
        Assert.All(times, t =>
        {
            Assert.Matches(EraTime(), t.TextContent);
            var at = DateTimeOffset.Parse(t.GetAttribute("datetime")!, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(9));
            Assert.EndsWith(at.ToString("HH:mm", CultureInfo.InvariantCulture), t.TextContent);
        });
        var english = await secretariat.GetAsync($"/measures/{_measureId}/history?culture=en");
        Assert.Contains(english.QuerySelectorAll(".history-entry__meta time"), t => t.TextContent == "3 June 2025, 22:42 JST");
        Assert.Contains(english.QuerySelectorAll(".history-entry__title"), h => h.TextContent.Trim() == "The secretariat approved it");
        Assert.Contains(english.QuerySelectorAll("table.history th[scope=row]"), th => th.TextContent == "Status");
    }

    [Fact]
    public void Every_field_a_history_row_can_show_has_a_label_in_both_languages()
    {
        using var scope = Factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AyumiDbContext>().Model;
        var text = scope.ServiceProvider.GetRequiredService<Ayumi.Localization.UiText>();
        var shown = new[] { typeof(Measure), typeof(MeasurePlacement), typeof(MeasureDepartment), typeof(MeasureLineage), typeof(YearlyEntry), typeof(EntryPart), typeof(Indicator), typeof(IndicatorActual) }
            .SelectMany(t => model.FindEntityType(t)!.GetProperties().Select(p => p.Name)).Where(Ayumi.Features.Measures.AuditHistory.IsShown).Distinct().ToList();
        foreach (var language in new[] { "ja", "en" })
        {
            var keys = text.Keys(language);
            Assert.All(shown, f => Assert.Contains($"auditField.{f}", keys));
        }
    }

    [GeneratedRegex(@"^令和\d+年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$")]
    private static partial Regex EraTime();
}

public sealed class SqliteHistoryPageTests(SqliteCycle fixture) : HistoryPageTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresHistoryPageTests(PostgresCycle fixture) : HistoryPageTests(fixture), IClassFixture<PostgresCycle>;
