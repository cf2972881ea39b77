using System.Net;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Cycle;

/// <summary>
/// The department's entry form follows the plan (issue 17, item 5): it asks for the fields the plan's sheet prints or the
/// secretariat chose, never changes the others, shows last year's values beside this year's fields, and keeps a draft
/// while the department types.
/// </summary>
public abstract class EntryFormTests(CycleFixture fixture) : IAsyncLifetime
{
    private const string Measure = "生活保護";
    private const string LastYearResults = "健康で文化的な最低生活を保障する制度として、95世帯111人(うち再犯防止案件該当者3人を含む)へ扶助費の支給を行うとともに、自立に向けた支援を行った。";

    private AyumiFactory Factory => fixture.Factory;
    private int _planId;
    private int _partId;

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    public async Task InitializeAsync()
    {
        _planId = await Factory.PlanIdAsync("212105");
        if (!await Factory.QueryAsync(db => db.ReportingYears.AnyAsync(r => r.PlanId == _planId && r.FiscalYear == new FiscalYear(2025))))
            await CycleSetup.OpenAsync(Factory, _planId, new FiscalYear(2025));
        _partId = await CycleSetup.PartIdAsync(Factory, _planId, "社会福祉課", Measure);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<EntryPart> PartAsync() => Factory.QueryAsync(db => db.EntryParts.AsNoTracking().SingleAsync(p => p.Id == _partId));

    private static async Task<string> VersionAsync(WebUser user, int partId) =>
        (await user.GetAsync($"/entries/{partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

    [Fact]
    public async Task Enas_form_asks_only_for_what_its_sheet_prints_and_a_save_never_changes_the_fields_it_does_not_ask_for()
    {
        var fukushi = await Factory.SignedInAsync(CycleFixture.Fukushi);
        var page = await fukushi.GetAsync($"/entries/{_partId}");
        foreach (var asked in new[] { "Input.Results", "Input.NextYearPlan" }) Assert.NotNull(page.QuerySelector($"textarea[name='{asked}']"));
        Assert.NotEmpty(page.QuerySelectorAll("input[name='Input.Grade']"));
        foreach (var hidden in new[] { "Input.PlannedWork", "Input.Budget.Shown", "Input.IssuesAndDirection", "Input.TargetProgress" })
            Assert.Null(page.QuerySelector($"[name='{hidden}']"));

        // A stored budget and direction the sheet does not print, as a municipality that changed its layout would have.
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        await CycleSetup.AskForEveryFieldAsync(secretariat, _planId);
        Assert.Equal(HttpStatusCode.Redirect, (await fukushi.PostAsync($"/entries/{_partId}?handler=Save",
        [
            F("Input.Version", await VersionAsync(fukushi, _partId)), F("Input.Budget.Shown", "true"), F("Input.Budget.Cells[Initial:m:t]", "2362"),
            F("Input.IssuesAndDirection", "支援を続ける。"),
        ])).StatusCode);
        await secretariat.PostAsync($"/plans/{_planId}/settings?handler=EntryFields", [F("layoutDefault", "true")]);
        var before = await PartAsync();
        // A client posting the hidden fields, blank or not, changes none of them.
        var submitted = await fukushi.PostAsync($"/entries/{_partId}?handler=Submit",
        [
            F("Input.Version", await VersionAsync(fukushi, _partId)), F("Input.Results", "95世帯へ扶助費を支給した。"), F("Input.Grade", "A"),
            F("Input.NextYearPlan", "継続する。"), F("Input.Budget.Shown", "true"), F("Input.Budget.Cells[Initial:m:t]", ""), F("Input.IssuesAndDirection", ""), F("Input.PlannedWork", "書き換え"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var after = await PartAsync();
        Assert.Equal(PartStatus.Submitted, after.Status);
        Assert.Equal("95世帯へ扶助費を支給した。", after.Results);
        Assert.Equal(new ThousandYen(2362), after.InitialBudget);
        Assert.Equal("支援を続ける。", after.IssuesAndDirection);
        Assert.Equal(before.PlannedWork, after.PlannedWork);
        Assert.Equal(before.FinalBudget, after.FinalBudget);

        // The secretariat sends it back so that the other tests of the class can edit it again.
        await secretariat.PostAsync($"/plans/{_planId}/cycle/FY2025?handler=Return", [F("partId", _partId.ToString()), F("comment", "確認のため")]);
    }

    [Fact]
    public async Task The_secretariat_chooses_the_fields_of_the_entry_form_and_can_go_back_to_the_layouts_default()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var fukushi = await Factory.SignedInAsync(CycleFixture.Fukushi);
        var settings = await secretariat.GetAsync($"/plans/{_planId}/settings");
        Assert.Contains("恵那市型", settings.QuerySelector("#entry-fields")!.TextContent);
        Assert.Equal(["Grade", "NextYearPlan", "Results"],
            settings.QuerySelectorAll("#entry-fields input[name='EntryFields'][checked]").Select(c => c.GetAttribute("value")!).Order(StringComparer.Ordinal).ToList());

        var nothing = await secretariat.PostAndReadAsync($"/plans/{_planId}/settings?handler=EntryFields", []);
        Assert.Contains("1つ以上選んでください", nothing.QuerySelector(".notice--error")!.TextContent);

        await secretariat.PostAsync($"/plans/{_planId}/settings?handler=EntryFields", [F("EntryFields", "Results"), F("EntryFields", "Budget")]);
        var chosen = await fukushi.GetAsync($"/entries/{_partId}");
        Assert.NotNull(chosen.QuerySelector("input[name='Input.Budget.Cells[Initial:m:t]']"));
        Assert.Empty(chosen.QuerySelectorAll("input[name='Input.Grade']"));
        Assert.Null(chosen.QuerySelector("[name='Input.NextYearPlan']"));

        await secretariat.PostAsync($"/plans/{_planId}/settings?handler=EntryFields", [F("layoutDefault", "true")]);
        Assert.Null(await Factory.QueryAsync(db => db.Plans.Where(p => p.Id == _planId).Select(p => p.ChosenEntryFields).SingleAsync()));
        var back = await fukushi.GetAsync($"/entries/{_partId}");
        Assert.Null(back.QuerySelector("[name='Input.Budget.Shown']"));
        Assert.NotEmpty(back.QuerySelectorAll("input[name='Input.Grade']"));
    }

    [Fact]
    public async Task Last_years_published_values_stand_beside_this_years_fields_with_a_button_to_copy_each()
    {
        var fukushi = await Factory.SignedInAsync(CycleFixture.Fukushi);
        var page = await fukushi.GetAsync($"/entries/{_partId}");
        var results = page.QuerySelector("textarea[name='Input.Results']")!.Closest(".entry-field")!.QuerySelector(".last-year")!;
        Assert.Contains("令和6年度の実施内容", results.TextContent);
        Assert.Equal(LastYearResults, results.QuerySelector(".last-year__value")!.TextContent.Trim());
        var copy = results.QuerySelector("button[data-copy-to='Input_Results']")!;
        Assert.Equal(LastYearResults, copy.GetAttribute("data-copy-value"));
        Assert.Equal("令和6年度の実施内容を写す", copy.TextContent.Trim());
        // Without a script the button does nothing, so it waits hidden; the value is readable all the same.
        Assert.True(copy.HasAttribute("hidden"));
        var grade = page.QuerySelector("#Input_Grade")!.Closest(".entry-field")!.QuerySelector("button[data-copy-to='Input_Grade']")!;
        Assert.Equal("A", grade.GetAttribute("data-copy-value"));
    }

    [Fact]
    public async Task A_typed_budget_is_kept_in_the_draft_and_shown_again_while_a_draft_that_says_the_stored_budget_is_not()
    {
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var fukushi = await Factory.SignedInAsync(CycleFixture.Fukushi);
        await CycleSetup.AskForEveryFieldAsync(secretariat, _planId);
        try
        {
            var before = await PartAsync();
            var version = await VersionAsync(fukushi, _partId);
            Assert.Equal(HttpStatusCode.NoContent, (await fukushi.PostAsync($"/entries/{_partId}?handler=Draft",
                [F("Input.Version", version), F("Input.Budget.Shown", "true"), F("Input.Budget.Items[0]", "相談支援"), F("Input.Budget.Cells[Initial:0:t]", "1,500")])).StatusCode);
            var restored = await fukushi.GetAsync($"/entries/{_partId}");
            Assert.NotNull(restored.QuerySelector(".draft-notice"));
            Assert.Equal("相談支援", restored.QuerySelector("input[name='Input.Budget.Items[0]']")!.GetAttribute("value"));
            Assert.Equal("1,500", restored.QuerySelector("input[name='Input.Budget.Cells[Initial:0:t]']")!.GetAttribute("value"));
            Assert.Equal(before.Budget.Figures.Count, (await PartAsync()).Budget.Figures.Count);

            // The same budget as stored, written otherwise, is no unsaved work.
            var stored = before.InitialBudget is { } amount ? amount.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "";
            await fukushi.PostAsync($"/entries/{_partId}?handler=Draft",
                [F("Input.Version", version), F("Input.PlannedWork", before.PlannedWork ?? ""), F("Input.Results", before.Results ?? ""), F("Input.Grade", before.Grade ?? ""),
                 F("Input.IssuesAndDirection", before.IssuesAndDirection ?? ""), F("Input.NextYearPlan", before.NextYearPlan ?? ""), F("Input.TargetProgress", before.TargetProgress ?? ""),
                 F("Input.Budget.Shown", "true"), F("Input.Budget.Cells[Initial:m:t]", stored)]);
            Assert.Null((await fukushi.GetAsync($"/entries/{_partId}")).QuerySelector(".draft-notice"));
        }
        finally
        {
            await fukushi.PostAsync($"/entries/{_partId}?handler=DiscardDraft", []);
            await secretariat.PostAsync($"/plans/{_planId}/settings?handler=EntryFields", [F("layoutDefault", "true")]);
        }
    }

    [Fact]
    public async Task A_draft_is_kept_while_typing_restored_with_a_notice_and_discarded_without_touching_the_saved_part()
    {
        var fukushi = await Factory.SignedInAsync(CycleFixture.Fukushi);
        var before = await PartAsync();
        var version = await VersionAsync(fukushi, _partId);
        var kept = await fukushi.PostAsync($"/entries/{_partId}?handler=Draft",
            [F("Input.Version", version), F("Input.Results", "入力途中の実施内容"), F("Input.IssuesAndDirection", "尋ねていない欄")]);
        Assert.Equal(HttpStatusCode.NoContent, kept.StatusCode);
        var stored = await PartAsync();
        Assert.Equal((before.Results, before.Version), (stored.Results, stored.Version));
        var draft = await Factory.QueryAsync(db => db.EntryDrafts.AsNoTracking().SingleAsync(d => d.EntryPartId == _partId));
        Assert.Null(draft.Typed.IssuesAndDirection);

        // Coming back (a closed tab, a new session): the draft is shown with a notice and a way to discard it.
        var restored = await (await Factory.SignedInAsync(CycleFixture.Fukushi)).GetAsync($"/entries/{_partId}");
        Assert.Contains("保存されていない下書きがあります", restored.QuerySelector(".draft-notice")!.TextContent);
        Assert.Equal("入力途中の実施内容", restored.QuerySelector("textarea[name='Input.Results']")!.TextContent);
        // Nobody else sees it: not the secretariat, and another department may not keep one.
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        Assert.DoesNotContain("入力途中の実施内容", (await secretariat.GetAsync($"/entries/{_partId}")).Body!.TextContent);
        var soumu = await Factory.SignedInAsync(CycleFixture.Soumu);
        var soumuPart = await CycleSetup.PartIdAsync(Factory, _planId, "総務課", "「社会を明るくする運動」の広報・周知");
        var refused = await soumu.PostAsync($"/entries/{_partId}?handler=Draft", [F("Input.Version", version), F("Input.Results", "他課の下書き")], $"/entries/{soumuPart}");
        Accounts.AssertDenied(refused);
        Assert.Single(await Factory.QueryAsync(db => db.EntryDrafts.Where(d => d.EntryPartId == _partId).ToListAsync()));

        var discarded = await fukushi.PostAndReadAsync($"/entries/{_partId}?handler=DiscardDraft", []);
        Assert.Null(discarded.QuerySelector(".draft-notice"));
        Assert.Equal(before.Results ?? "", discarded.QuerySelector("textarea[name='Input.Results']")!.TextContent);
        Assert.False(await Factory.QueryAsync(db => db.EntryDrafts.AnyAsync(d => d.EntryPartId == _partId)));

        // Saving ends the draft too.
        await fukushi.PostAsync($"/entries/{_partId}?handler=Draft", [F("Input.Version", await VersionAsync(fukushi, _partId)), F("Input.Results", "もう一度入力中")]);
        var saved = await fukushi.PostAsync($"/entries/{_partId}?handler=Save", [F("Input.Version", version), F("Input.Results", "保存した実施内容")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("保存した実施内容", (await PartAsync()).Results);
        Assert.False(await Factory.QueryAsync(db => db.EntryDrafts.AnyAsync(d => d.EntryPartId == _partId)));
    }
}

/// <summary>Last year's values when last year ran in Ayumi: the department's own part, never another department's.</summary>
public abstract class LastYearPartTests(CycleFixture fixture)
{
    private const string Shared = "情報交換会の実施";

    private AyumiFactory Factory => fixture.Factory;

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private Task<int> PartIdAsync(int planId, string department, int year) => Factory.QueryAsync(async db =>
        (await db.EntryParts.Where(p => p.YearlyEntry.Measure.PlanId == planId && p.Department.Name == department && p.YearlyEntry.Measure.Title == Shared)
            .Select(p => new { p.Id, p.YearlyEntry.FiscalYear }).ToListAsync()).Single(p => p.FiscalYear.StartYear == year).Id);

    private static async Task SubmitAsync(WebUser user, int partId, string results)
    {
        var version = (await user.GetAsync($"/entries/{partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        var response = await user.PostAsync($"/entries/{partId}?handler=Submit",
            [F("Input.Version", version), F("Input.Results", results), F("Input.Grade", "B"), F("Input.NextYearPlan", "継続する。")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_shared_measures_department_sees_its_own_part_of_last_year_and_not_the_other_departments()
    {
        var planId = await Factory.PlanIdAsync("212105");
        await CycleSetup.OpenAsync(Factory, planId, new FiscalYear(2025));
        var soumu = await Factory.SignedInAsync(CycleFixture.Soumu);
        var fukushi = await Factory.SignedInAsync(CycleFixture.Fukushi);
        await SubmitAsync(soumu, await PartIdAsync(planId, "総務課", 2025), "総務課が情報交換会を開いた。");
        await SubmitAsync(fukushi, await PartIdAsync(planId, "社会福祉課", 2025), "社会福祉課が関係機関と共有した。");
        await CycleSetup.ApproveAllAndLockAsync(Factory, planId, new FiscalYear(2025), "実施した。");
        await CycleSetup.OpenAsync(Factory, planId, new FiscalYear(2026));

        var page = await soumu.GetAsync($"/entries/{await PartIdAsync(planId, "総務課", 2026)}");
        var results = page.QuerySelector("textarea[name='Input.Results']")!.Closest(".entry-field")!.QuerySelector(".last-year")!;
        Assert.Contains("令和7年度の実施内容", results.TextContent);
        Assert.Equal("総務課が情報交換会を開いた。", results.QuerySelector(".last-year__value")!.TextContent.Trim());
        Assert.DoesNotContain("社会福祉課が関係機関と共有した。", page.Body!.TextContent);
        Assert.Equal("B", page.QuerySelector("button[data-copy-to='Input_Grade']")!.GetAttribute("data-copy-value"));
    }
}

public sealed class SqliteLastYearPartTests(SqliteCycle fixture) : LastYearPartTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresLastYearPartTests(PostgresCycle fixture) : LastYearPartTests(fixture), IClassFixture<PostgresCycle>;

public sealed class SqliteEntryFormTests(SqliteCycle fixture) : EntryFormTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresEntryFormTests(PostgresCycle fixture) : EntryFormTests(fixture), IClassFixture<PostgresCycle>;
