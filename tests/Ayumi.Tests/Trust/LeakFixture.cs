using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Cycle;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Trust;

/// <summary>The kinds of unpublished content the leak test marks, each with its own words and number.</summary>
public enum Secret { Draft, Submitted, Returned, Approved, Locked, NextPlan, Review, Actual }

public static class Marker
{
    public static string Text(Secret kind) => $"LEAK7Q-{kind.ToString().ToUpperInvariant()}";

    /// <summary>A number no demo data holds: 7777101 (draft budgets) … 7777108 (the draft actual).</summary>
    public static long Number(Secret kind) => 7_777_101 + (int)kind;

    /// <summary>The forms the marker takes in a page, a workbook, a CSV or a PDF's text.</summary>
    public static IEnumerable<string> Forms(Secret kind) =>
        [Text(kind), Number(kind).ToString(System.Globalization.CultureInfo.InvariantCulture), Number(kind).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)];
}

/// <summary>
/// Ena City with its published plan (FY2024 published), its published second plan whose FY2026 is open (departments' parts
/// drafted, submitted, returned and approved) and whose FY2027 is locked and reviewed but not published, and a draft third
/// plan. Every free-text and number field of what is not published carries a marker (<see cref="Marker"/>): the locked year's review
/// and the opinion chosen from it for publication, and a comment of the published FY2024 that was not chosen, carry the review's. The parts of
/// <see cref="CycleFixture.Others"/>' departments are left unmarked: that editor is the department editor of another department.
/// </summary>
public abstract class LeakFixture : CycleFixture
{
    public static readonly FiscalYear Published = new(2024), Open = new(2026), Locked = new(2027);

    public int EnaPlan { get; private set; }
    public int SecondPlan { get; private set; }
    public int DraftPlan { get; private set; }
    public IReadOnlyList<int> Indicators { get; private set; } = [];
    public IReadOnlyList<int> Measures { get; private set; } = [];
    public IReadOnlyList<int> Departments { get; private set; } = [];
    public IReadOnlyList<int> Parts { get; private set; } = [];
    /// <summary>The measure whose only department's part of the open year is approved, so that its entry holds the approved words.</summary>
    public int ApprovedMeasure { get; private set; }
    /// <summary>A measure with a department's draft in the open year.</summary>
    public int DraftMeasure { get; private set; }
    public Dictionary<string, WebUser> Users { get; } = [];

    private static readonly DateTimeOffset Now = new(2027, 4, 1, 9, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        EnaPlan = await Factory.PlanIdAsync("212105");
        await Ayumi.Tests.Indicators.IndicatorSetup.AddToEnaAsync(Factory);
        var secretariat = await Factory.SignedInAsync(Secretariat);
        SecondPlan = await DraftAsync(secretariat, EnaPlan, "恵那市再犯防止推進計画（第2次）", "R8", "R12");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await secretariat.PostAsync($"/plans/{SecondPlan}?handler=Publish", [])).StatusCode);
        DraftPlan = await DraftAsync(secretariat, SecondPlan, Marker.Text(Secret.NextPlan) + " 恵那市再犯防止推進計画（第3次案）", "R13", "R17");
        await CycleSetup.OpenAsync(Factory, SecondPlan, Open);
        await CycleSetup.OpenAsync(Factory, SecondPlan, Locked);
        await MarkAsync();
        Users["anonymous"] = Factory.NewUser();
        Users["reviewer"] = await Factory.SignedInAsync(Reviewer);
        Users["other-department"] = await Factory.SignedInAsync(Others);
        Users["other-organisation"] = await Factory.SignedInAsync(AkitaSecretariat);
        Users["secretariat"] = secretariat;
    }

    private static async Task<int> DraftAsync(WebUser secretariat, int from, string name, string start, string end)
    {
        var drafted = await secretariat.PostAsync($"/plans/{from}/draft", [new("Name", name), new("PeriodStart", start), new("PeriodEnd", end)]);
        return int.Parse(drafted.Headers.Location!.OriginalString.Split('/').Last());
    }

    private async Task MarkAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plan = (await CycleQueries.PlanWithYearsAsync(db, SecondPlan, CancellationToken.None))!;
        var grade = (await db.Plans.AsNoTracking().SingleAsync(p => p.Id == SecondPlan)).Grades[0].Symbol;
        PartContent Content(Secret kind)
        {
            var text = $"{Marker.Text(kind)} の記載";
            return new(text, text, grade, BudgetLine.Of(BudgetAmount.Initial, new ThousandYen(Marker.Number(kind))).With(BudgetAmount.Final, null, null, new ThousandYen(Marker.Number(kind))), text, text, text);
        }

        // The locked year: every part approved (with the marker, but for the other department's editor's own parts), composed into
        // the entries, locked, then commented on and evaluated.
        var othersDepartments = new[] { "商工課", "建築住宅課", "地域包括支援センター", "学校教育課" };
        var locked = plan.ReportingYears.Single(r => r.FiscalYear == Locked);
        var lockedParts = await CycleQueries.PartsAsync(db, SecondPlan, Locked, CancellationToken.None);
        foreach (var part in lockedParts)
        {
            part.SaveDraft(othersDepartments.Contains(part.Department.Name) ? new("自課の記載", "自課の記載", grade, BudgetLine.None, null, null, null) : Content(Secret.Locked), locked);
            part.Submit(locked, Now);
            part.Approve(locked);
        }
        locked.Lock(lockedParts, Now);

        // The open year: the other departments' parts in each state in turn; single-department measures first, so that one is approved whole.
        var open = plan.ReportingYears.Single(r => r.FiscalYear == Open);
        var openParts = (await CycleQueries.PartsAsync(db, SecondPlan, Open, CancellationToken.None))
            .Where(p => !othersDepartments.Contains(p.Department.Name))
            .OrderBy(p => p.YearlyEntry.Parts.Count).ThenBy(p => p.Id).ToList();
        var states = new[] { Secret.Approved, Secret.Draft, Secret.Submitted, Secret.Returned };
        for (var i = 0; i < openParts.Count; i++)
        {
            var part = openParts[i];
            var kind = states[i % states.Length];
            part.SaveDraft(Content(kind), open);
            if (kind == Secret.Draft) continue;
            part.Submit(open, Now);
            if (kind == Secret.Approved) part.Approve(open);
            if (kind == Secret.Returned) part.Return($"{Marker.Text(Secret.Returned)} 差し戻しの理由", open);
        }
        await db.SaveChangesAsync();
        ApprovedMeasure = openParts.First(p => p.Status == PartStatus.Approved && p.YearlyEntry.Parts.Count == 1).YearlyEntry.MeasureId;
        DraftMeasure = openParts.First(p => p.Status == PartStatus.Draft).YearlyEntry.MeasureId;

        // Reviewers' comments and evaluations of the locked year.
        var reviewer = await db.Users.SingleAsync(u => u.Email == Reviewer);
        var measure = lockedParts[0].YearlyEntry.MeasureId;
        var node = await db.PlanNodes.Where(n => n.PlanId == SecondPlan).Select(n => n.Id).FirstAsync();
        var comment = new ReviewComment(locked.Id, measure, null, reviewer.Id, "iin", $"{Marker.Text(Secret.Review)} 委員の意見", Now, bodyName: "恵那市再犯防止推進会議");
        db.ReviewComments.Add(comment);
        await db.SaveChangesAsync();
        // The opinion chosen from it, with the answer, waits for the locked year's publication; a comment of the published year that
        // the secretariat did not choose is never published.
        db.PublishedOpinions.Add(new PublishedOpinion(locked, [comment], $"{Marker.Text(Secret.Review)} 公表する意見", $"{Marker.Text(Secret.Review)} 市の考え方", 1));
        var publishedYear = await db.ReportingYears.SingleAsync(r => r.PlanId == EnaPlan && r.FiscalYear == Published);
        var enaMeasure = await db.Measures.Where(m => m.PlanId == EnaPlan).Select(m => m.Id).FirstAsync();
        db.ReviewComments.Add(new ReviewComment(publishedYear.Id, enaMeasure, null, reviewer.Id, "iin", $"{Marker.Text(Secret.Review)} 選ばれなかった意見", Now));
        db.PolicyEvaluations.Add(new PolicyEvaluation(locked.Id, node, reviewer.Id, "iin", EvaluationKind.External, grade, $"{Marker.Text(Secret.Review)} 外部評価", Now));

        // The draft plan: its measures reworded with the marker.
        foreach (var draftMeasure in await db.Measures.Where(m => m.PlanId == DraftPlan).ToListAsync())
            draftMeasure.Rewrite($"{Marker.Text(Secret.NextPlan)} {draftMeasure.Title}", $"{Marker.Text(Secret.NextPlan)} の説明");

        // 総務課's indicator on the second plan: a draft actual of the open year.
        var indicators = await db.Indicators.Include(i => i.Plan).Include(i => i.Owner).Where(i => i.PlanId == SecondPlan).ToListAsync();
        indicators.Single(i => i.Owner!.Name == "総務課").SaveActual(Open, Marker.Number(Secret.Actual), $"{Marker.Text(Secret.Actual)} 集計中", null, ActualState.Draft);
        await db.SaveChangesAsync();

        Indicators = await db.Indicators.Where(i => i.PlanId == EnaPlan || i.PlanId == SecondPlan || i.PlanId == DraftPlan).Select(i => i.Id).ToListAsync();
        Measures = await db.Measures.Where(m => m.PlanId == SecondPlan || m.PlanId == DraftPlan).Select(m => m.Id).ToListAsync();
        Departments = await db.Departments.Where(d => d.OrganisationId == plan.OrganisationId).Select(d => d.Id).ToListAsync();
        Parts = await db.EntryParts.Where(p => p.YearlyEntry.Measure.PlanId == SecondPlan).Select(p => p.Id).ToListAsync();
    }

    public IReadOnlyList<int> Plans => [EnaPlan, SecondPlan, DraftPlan];
    public static IReadOnlyList<FiscalYear> Years => [Published, Open, Locked];
}

public sealed class SqliteLeak : LeakFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresLeak : LeakFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
