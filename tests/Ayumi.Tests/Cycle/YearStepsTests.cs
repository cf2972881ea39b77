using System.Net;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Cycle;
using Ayumi.Localization;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Cycle;

/// <summary>
/// The secretariat's steps through a year over HTTP, each checked or undoable: opening within the plan's period (or with a
/// stated reason) and a deadline ahead, the preview, withdrawing an empty year, approving where the entry is and many at once,
/// confirming lock and publication, and withdrawing a publication with its public notice. Each test uses a year of its own.
/// </summary>
public abstract class YearStepsTests(CycleFixture fixture)
{
    private AyumiFactory Factory => fixture.Factory;

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private Task<int> PlanAsync() => Factory.PlanIdAsync("212105");

    /// <summary>A year <paramref name="after"/> years after the end of Ena's period: outside it unless <paramref name="after"/> is 1.</summary>
    private async Task<FiscalYear> AfterPeriodAsync(int planId, int after) =>
        (await Factory.QueryAsync(db => db.Plans.Where(p => p.Id == planId).Select(p => p.PeriodEnd).SingleAsync())).Offset(after);

    private Task<ReportingYear?> YearAsync(int planId, FiscalYear year) =>
        Factory.QueryAsync(db => db.ReportingYears.AsNoTracking().SingleOrDefaultAsync(r => r.PlanId == planId && r.FiscalYear == year));

    private Task<List<EntryPart>> PartsOfAsync(int planId, FiscalYear year) =>
        Factory.QueryAsync(db => db.EntryParts.AsNoTracking().Include(p => p.Department).Include(p => p.YearlyEntry).ThenInclude(e => e.Measure)
            .Where(p => p.YearlyEntry.Measure.PlanId == planId && p.YearlyEntry.FiscalYear == year).OrderBy(p => p.Id).ToListAsync());

    /// <summary>Saves and submits every part of <paramref name="year"/> directly, as the departments would.</summary>
    private async Task SubmitAllAsync(int planId, FiscalYear year)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plan = await CycleQueries.PlanWithYearsAsync(db, planId, CancellationToken.None);
        var reporting = plan!.ReportingYears.Single(r => r.FiscalYear == year);
        foreach (var part in await CycleQueries.PartsAsync(db, planId, year, CancellationToken.None))
        {
            part.SaveDraft(new PartContent(null, $"{part.Department.Name}が実施した。", "A", BudgetLine.None, null, null, null), reporting);
            part.Submit(reporting, DateTimeOffset.UtcNow);
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_year_outside_the_plans_period_is_refused_and_opens_with_a_stated_reason_which_is_audited()
    {
        var planId = await PlanAsync();
        var year = await AfterPeriodAsync(planId, 4);
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);

        var refused = await secretariat.PostAndReadAsync($"/plans/{planId}/cycle", [F("FiscalYear", year.ToString()), F("Deadline", CycleSetup.FutureDeadline)]);
        Assert.Contains("計画期間", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("理由", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(await YearAsync(planId, year));

        const string reason = "計画の改定が1年遅れるため、延長期間の実績を管理する。";
        var opened = await secretariat.PostAsync($"/plans/{planId}/cycle", [F("FiscalYear", year.ToString()), F("Deadline", CycleSetup.FutureDeadline), F("OutOfPeriodReason", reason)]);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(reason, (await YearAsync(planId, year))!.OutOfPeriodReason);
        var audit = await Factory.QueryAsync(db => db.AuditEntries.Where(a => a.PlanId == planId && a.EntityType == nameof(ReportingYear) && a.Action == AuditAction.Added)
            .Select(a => new { a.UserName, a.Changes }).ToListAsync());
        Assert.Contains(audit, a => a.UserName == CycleFixture.Secretariat && a.Changes.Contains(reason));
        var index = await secretariat.GetAsync($"/plans/{planId}/cycle");
        Assert.Contains(reason, index.QuerySelector("main table")!.TextContent);
    }

    [Fact]
    public async Task A_deadline_that_is_missing_or_not_after_today_in_Japan_is_refused()
    {
        var planId = await PlanAsync();
        var year = await AfterPeriodAsync(planId, 6);
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var today = JapanTime.Today(TimeProvider.System);
        foreach (var deadline in new[] { today.AddDays(-1), today })
        {
            var refused = await secretariat.PostAndReadAsync($"/plans/{planId}/cycle",
                [F("FiscalYear", year.ToString()), F("Deadline", deadline.ToString("yyyy-MM-dd")), F("OutOfPeriodReason", "延長")]);
            Assert.Contains("明日以降", refused.QuerySelector("[role=alert]")!.TextContent);
        }
        var missing = await secretariat.PostAndReadAsync($"/plans/{planId}/cycle", [F("FiscalYear", year.ToString()), F("Deadline", ""), F("OutOfPeriodReason", "延長")]);
        Assert.Contains("提出期限を入力", missing.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(await YearAsync(planId, year));
    }

    [Fact]
    public async Task The_form_proposes_an_expected_year_with_a_deadline_ahead_and_the_preview_names_whom_the_opening_asks()
    {
        var planId = await PlanAsync();
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var form = await secretariat.GetAsync($"/plans/{planId}/cycle");
        var proposedDeadline = DateOnly.Parse(form.QuerySelector("input[name=Deadline]")!.GetAttribute("value")!);
        Assert.True(proposedDeadline > JapanTime.Today(TimeProvider.System), $"the proposed deadline {proposedDeadline} has passed");
        var plan = await Factory.QueryAsync(db => db.Plans.Include(p => p.ReportingYears).AsNoTracking().SingleAsync(p => p.Id == planId));
        var proposedYear = FiscalYear.Parse(form.QuerySelector("input[name=FiscalYear]")!.GetAttribute("value")!);
        Assert.True(plan.ExpectsYear(proposedYear), $"{proposedYear} is not a year of the plan");
        Assert.DoesNotContain(plan.ReportingYears, r => r.FiscalYear == proposedYear);

        var year = await AfterPeriodAsync(planId, 7);
        var yearsBefore = await Factory.QueryAsync(db => db.ReportingYears.CountAsync());
        var preview = await secretariat.PostAndReadAsync($"/plans/{planId}/cycle?handler=Preview",
            [F("FiscalYear", year.ToString()), F("Deadline", CycleSetup.FutureDeadline), F("OutOfPeriodReason", "延長")]);
        var rows = preview.QuerySelectorAll("table.preview-measures tbody tr");
        Assert.Equal(12, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("情報交換会の実施") && r.TextContent.Contains("総務課、社会福祉課"));
        var summary = preview.QuerySelector(".open-preview .summary-list")!.TextContent;
        Assert.Contains("15", summary); // parts: 12 measures, 3 of them shared by two departments
        Assert.Contains($"この内容で{year.ToJapanese()}を開始する", preview.QuerySelector(".open-preview button")!.TextContent);
        Assert.Equal(yearsBefore, await Factory.QueryAsync(db => db.ReportingYears.CountAsync()));
    }

    [Fact]
    public async Task An_empty_year_is_withdrawn_with_what_its_opening_created_and_the_audit_trail_records_it()
    {
        var planId = await PlanAsync();
        var year = await AfterPeriodAsync(planId, 8);
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{planId}/cycle",
            [F("FiscalYear", year.ToString()), F("Deadline", CycleSetup.FutureDeadline), F("OutOfPeriodReason", "誤って開始")])).StatusCode);
        Assert.Equal(15, (await PartsOfAsync(planId, year)).Count);
        var soumu = await Factory.SignedInAsync(CycleFixture.Soumu);
        Assert.Contains(year.ToJapanese(), (await soumu.GetAsync("/my")).QuerySelector("main")!.TextContent);

        var dashboard = $"/plans/{planId}/cycle/{year}";
        Assert.NotNull((await secretariat.GetAsync(dashboard)).QuerySelector("form[action*='handler=Withdraw'] button"));
        var withdrawn = await secretariat.PostAsync($"{dashboard}?handler=Withdraw", []);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var index = await secretariat.GetAsync(withdrawn.Headers.Location!.OriginalString);
        Assert.Contains($"{year.ToJapanese()}の開始を取り消しました", index.QuerySelector("[role=status]")!.TextContent);

        Assert.Null(await YearAsync(planId, year));
        Assert.Empty(await PartsOfAsync(planId, year));
        Assert.Equal(0, await Factory.QueryAsync(db => db.YearlyEntries.CountAsync(e => e.Measure.PlanId == planId && e.FiscalYear == year)));
        Assert.DoesNotContain(year.ToJapanese(), (await soumu.GetAsync("/my")).QuerySelector("main")!.TextContent);
        var deleted = await Factory.QueryAsync(db => db.AuditEntries.Where(a => a.PlanId == planId && a.Action == AuditAction.Deleted)
            .GroupBy(a => a.EntityType).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Contains(deleted, d => d.Key == nameof(ReportingYear) && d.Count >= 1);
        Assert.Contains(deleted, d => d.Key == nameof(EntryPart) && d.Count >= 15);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.Client.GetAsync(dashboard)).StatusCode);
    }

    [Fact]
    public async Task A_year_with_a_saved_part_cannot_be_withdrawn_only_locked()
    {
        var planId = await PlanAsync();
        var year = await AfterPeriodAsync(planId, 9);
        await CycleSetup.OpenAsync(Factory, planId, year);
        var part = (await PartsOfAsync(planId, year)).First(p => p.Department.Name == "総務課");
        var soumu = await Factory.SignedInAsync(CycleFixture.Soumu);
        Assert.Equal(HttpStatusCode.Redirect, (await soumu.PostAsync($"/entries/{part.Id}?handler=Save", [F("Input.Version", "0"), F("Input.Results", "下書き")])).StatusCode);

        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var dashboard = $"/plans/{planId}/cycle/{year}";
        var page = await secretariat.GetAsync(dashboard);
        Assert.Null(page.QuerySelector("form[action*='handler=Withdraw']"));
        Assert.Contains("取り消せません", page.QuerySelector("main")!.TextContent);
        var refused = await secretariat.PostAndReadAsync($"{dashboard}?handler=Withdraw", []);
        Assert.Contains("1件の入力が保存されているため取り消せません", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(await YearAsync(planId, year));
        Assert.Equal(15, (await PartsOfAsync(planId, year)).Count);
    }

    [Fact]
    public async Task The_secretariat_approves_and_returns_a_part_on_its_entry_page_whose_breadcrumb_leads_to_the_dashboard_and_a_department_cannot()
    {
        var planId = await PlanAsync();
        var year = await AfterPeriodAsync(planId, 10);
        await CycleSetup.OpenAsync(Factory, planId, year);
        await SubmitAllAsync(planId, year);
        var parts = (await PartsOfAsync(planId, year)).Where(p => p.Department.Name == "総務課").Take(2).ToList();
        var dashboard = $"/plans/{planId}/cycle/{year}";

        // A department editor sees no review buttons on its own part, and a direct post is refused.
        var soumu = await Factory.SignedInAsync(CycleFixture.Soumu);
        var own = await soumu.GetAsync($"/entries/{parts[0].Id}");
        Assert.Null(own.QuerySelector(".part-review"));
        Assert.Contains("/my", own.QuerySelectorAll("nav.breadcrumbs a").Select(a => a.GetAttribute("href")));
        Accounts.AssertDenied(await soumu.PostAsync($"{dashboard}?handler=Approve", [F("partId", parts[0].Id.ToString()), F("back", "entry")], formPage: "/my"));
        Assert.Equal(PartStatus.Submitted, (await PartsOfAsync(planId, year)).Single(p => p.Id == parts[0].Id).Status);

        // The secretariat's entry page leads back to the year's dashboard, at the part's row, and approves there.
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var entry = await secretariat.GetAsync($"/entries/{parts[0].Id}");
        var crumbs = entry.QuerySelectorAll("nav.breadcrumbs a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"{dashboard}#part-{parts[0].Id}", crumbs);
        Assert.DoesNotContain("/my", crumbs);
        Assert.NotNull(entry.QuerySelector(".part-review button"));
        var approved = await secretariat.PostAsync($"{dashboard}?handler=Approve", [F("partId", parts[0].Id.ToString()), F("back", "entry")], formPage: $"/entries/{parts[0].Id}");
        Assert.Equal($"/entries/{parts[0].Id}?reviewed=approved", approved.Headers.Location!.OriginalString);
        var after = await secretariat.GetAsync(approved.Headers.Location.OriginalString);
        Assert.Contains("承認しました", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(PartStatus.Approved, (await PartsOfAsync(planId, year)).Single(p => p.Id == parts[0].Id).Status);

        // Returning from the entry page needs a comment, and keeps it.
        var returned = await secretariat.PostAsync($"{dashboard}?handler=Return",
            [F("partId", parts[1].Id.ToString()), F("comment", "回数を追記してください。"), F("back", "entry")], formPage: $"/entries/{parts[1].Id}");
        Assert.Equal($"/entries/{parts[1].Id}?reviewed=returned", returned.Headers.Location!.OriginalString);
        var stored = (await PartsOfAsync(planId, year)).Single(p => p.Id == parts[1].Id);
        Assert.Equal((PartStatus.Returned, "回数を追記してください。"), (stored.Status, stored.ReturnComment));
    }

    [Fact]
    public async Task Ten_chosen_parts_are_approved_at_once_then_all_submitted_and_the_dashboard_comes_back_to_where_it_was()
    {
        var planId = await PlanAsync();
        var year = await AfterPeriodAsync(planId, 11);
        await CycleSetup.OpenAsync(Factory, planId, year);
        await SubmitAllAsync(planId, year);
        var parts = await PartsOfAsync(planId, year);
        var dashboard = $"/plans/{planId}/cycle/{year}";
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);

        // Locking asks to confirm, and says first what is still missing.
        var lockPage = await secretariat.GetAsync($"{dashboard}/lock");
        Assert.Contains("未承認の入力が15件", lockPage.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(lockPage.QuerySelector("main form button[type=submit]"));

        Assert.Equal(15, (await secretariat.GetAsync(dashboard)).QuerySelectorAll("input[type=checkbox][name=partIds][form=approve-many]").Length);
        var ten = parts.Take(10).Select(p => F("partIds", p.Id.ToString())).ToList();
        var many = await secretariat.PostAsync($"{dashboard}?handler=ApproveMany", ten);
        Assert.Equal($"{dashboard}?done=approvedMany&count=10#parts", many.Headers.Location!.OriginalString);
        Assert.Contains("10件を承認しました", (await secretariat.GetAsync(many.Headers.Location.OriginalString)).QuerySelector("[role=status]")!.TextContent);
        var statuses = (await PartsOfAsync(planId, year)).ToDictionary(p => p.Id, p => p.Status);
        Assert.All(parts.Take(10), p => Assert.Equal(PartStatus.Approved, statuses[p.Id]));
        Assert.All(parts.Skip(10), p => Assert.Equal(PartStatus.Submitted, statuses[p.Id]));

        // A choice holding a part that is no longer submitted approves nothing.
        var mixed = await secretariat.PostAndReadAsync($"{dashboard}?handler=ApproveMany", [F("partIds", parts[0].Id.ToString()), F("partIds", parts[10].Id.ToString())]);
        Assert.Contains("提出済みの入力だけを承認できます", mixed.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(PartStatus.Submitted, (await PartsOfAsync(planId, year)).Single(p => p.Id == parts[10].Id).Status);

        // One approval on the dashboard comes back to its row, which says what was done.
        var one = await secretariat.PostAsync($"{dashboard}?handler=Approve", [F("partId", parts[10].Id.ToString())]);
        Assert.Equal($"{dashboard}?done=approved&part={parts[10].Id}#part-{parts[10].Id}", one.Headers.Location!.OriginalString);
        var row = (await secretariat.GetAsync(one.Headers.Location.OriginalString)).QuerySelector($"tr#part-{parts[10].Id}")!;
        Assert.Contains("承認しました", row.QuerySelector("[role=status]")!.TextContent);

        var all = await secretariat.PostAsync($"{dashboard}?handler=ApproveMany", [F("all", "true")]);
        Assert.Equal($"{dashboard}?done=approvedMany&count=4#parts", all.Headers.Location!.OriginalString);
        Assert.All(await PartsOfAsync(planId, year), p => Assert.Equal(PartStatus.Approved, p.Status));
    }

    [Fact]
    public async Task Publication_is_confirmed_withdrawn_with_a_public_notice_and_published_again()
    {
        var planId = await PlanAsync();
        var year = await AfterPeriodAsync(planId, 12);
        const string marker = "YEARSTEPS公表確認";
        await CycleSetup.OpenAsync(Factory, planId, year);
        await CycleSetup.ApproveAllAndLockAsync(Factory, planId, year, marker);
        var dashboard = $"/plans/{planId}/cycle/{year}";
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        var anonymous = Factory.NewUser();
        async Task<bool> PublicAsync()
        {
            var plan = await anonymous.GetAsync($"/plans/{planId}");
            var listed = plan.QuerySelector($"select#year option[value='{year}']") is not null;
            var json = await anonymous.Client.GetStringAsync($"/plans/{planId}/opendata?handler=json");
            var api = await anonymous.Client.GetStringAsync($"/api/v1/plans/{planId}/measures?fiscalYear={year.StartYear}");
            var sheet = await anonymous.Client.GetAsync($"/plans/{planId}/report/{year}");
            Assert.True(listed == json.Contains(marker) && listed == api.Contains(marker) && listed == sheet.IsSuccessStatusCode,
                $"the plan page {(listed ? "lists" : "does not list")} {year}, but open data, the API and the sheet disagree");
            return listed;
        }
        Assert.False(await PublicAsync());

        // The confirmation shows what becomes public: counts, the years and the sheet to check.
        var confirm = await secretariat.GetAsync($"{dashboard}/publish");
        var summary = confirm.QuerySelector(".year-summary")!.TextContent;
        Assert.Contains("12", summary);
        Assert.Contains("15件（うち承認済み15件）", summary);
        Assert.Contains(year.ToJapanese(), summary);
        Assert.NotNull(confirm.QuerySelector($"main a[href='/plans/{planId}/report/{year}']"));
        var published = await secretariat.PostAndReadAsync($"{dashboard}/publish", []);
        Assert.Contains("公表しました", published.QuerySelector("[role=status]")!.TextContent);
        Assert.True(await PublicAsync());

        // Withdrawing needs a reason; with one, the year is locked again and hidden, and the plan's page says so.
        var noReason = await secretariat.PostAndReadAsync($"{dashboard}/unpublish", [F("Reason", " ")]);
        Assert.Contains("取り下げの理由を記入", noReason.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(ReportingStatus.Published, (await YearAsync(planId, year))!.Status);
        const string reason = "実施内容の数値に誤りがあったため";
        var withdrawn = await secretariat.PostAndReadAsync($"{dashboard}/unpublish", [F("Reason", reason)]);
        Assert.Contains("公表を取り下げました", withdrawn.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(ReportingStatus.Locked, (await YearAsync(planId, year))!.Status);
        Assert.False(await PublicAsync());
        var notice = (await anonymous.GetAsync($"/plans/{planId}")).QuerySelector(".corrections")!.TextContent;
        Assert.Contains("訂正のお知らせ", notice);
        Assert.Contains($"{year.ToJapanese()}の進行管理の公表を取り下げました", notice);
        Assert.Contains(reason, notice);
        Assert.Contains(JapanTimeText.FormatDate(JapanTime.Today(TimeProvider.System), UiText.Japanese), notice);
        var audit = await Factory.QueryAsync(db => db.AuditEntries.Where(a => a.PlanId == planId && a.UserName == CycleFixture.Secretariat)
            .Select(a => new { a.EntityType, a.Changes }).ToListAsync());
        Assert.Contains(audit, a => a.EntityType == nameof(PublicationWithdrawal) && a.Changes.Contains(reason));
        Assert.Contains(audit, a => a.EntityType == nameof(ReportingYear) && a.Changes.Contains("\"Status\":{\"old\":\"Published\",\"new\":\"Locked\"}"));

        // Published again: public once more, and the notice says so.
        Assert.Contains("公表しました", (await secretariat.PostAndReadAsync($"{dashboard}/publish", [])).QuerySelector("[role=status]")!.TextContent);
        Assert.True(await PublicAsync());
        Assert.Contains("改めて公表しました", (await anonymous.GetAsync($"/plans/{planId}")).QuerySelector(".corrections")!.TextContent);
    }
}

public sealed class SqliteYearStepsTests(SqliteCycle fixture) : YearStepsTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresYearStepsTests(PostgresCycle fixture) : YearStepsTests(fixture), IClassFixture<PostgresCycle>;
