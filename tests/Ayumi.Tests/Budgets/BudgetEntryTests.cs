using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Budgets;

/// <summary>
/// A department enters a budget line on the web with all four amounts, two sub-items and three funding sources; the line is
/// kept as typed, composed into the entry on approval, and shown on the measure page with the difference its document has.
/// </summary>
public abstract class BudgetEntryTests(CycleFixture fixture)
{
    private AyumiFactory Factory => fixture.Factory;
    private const string Measure = "生活保護";
    private const string Layout = "予算の全体";

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static string Cell(BudgetAmount amount, int? item, int? source) => $"Input.Budget.Cells[{amount}:{(item is { } i ? i.ToString() : "m")}:{(source is { } s ? s.ToString() : "t")}]";

    /// <summary>
    /// The figures typed, by amount: sub-item (1) 相談支援 and (2) 就労支援 each split into 国庫 (source 0), 県費 (1) and 市町村費 (2);
    /// the measure's stated totals; sub-item totals stated for the request only. The settlement's stated 1,800 disagrees
    /// with its sub-items: 470+300+190 + 410+250+140 = 1,760, a difference of +40.
    /// </summary>
    private static readonly (BudgetAmount Amount, long Stated, long[] First, long[] Second)[] Typed =
    [
        (BudgetAmount.Request, 1800, [500, 300, 200], [400, 250, 150]),
        (BudgetAmount.Initial, 1750, [450, 300, 200], [400, 250, 150]),
        (BudgetAmount.Final, 1820, [480, 310, 200], [420, 260, 150]),
        (BudgetAmount.Settlement, 1800, [470, 300, 190], [410, 250, 140]),
    ];

    private async Task<(int PlanId, int PartId, int MeasureId)> OpenWithLayoutAsync()
    {
        var planId = await Factory.PlanIdAsync("212105");
        var year = FiscalYear.Parse("FY2025");
        await Factory.QueryAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Organisation).SingleAsync(p => p.Id == planId);
            var layout = new ReportTemplate(Layout,
                [new(ReportField.Title, "事業名"), new(ReportField.RequestBudget, "{0:R}要求額"), new(ReportField.InitialBudget, "{0:R}当初予算"),
                 new(ReportField.FinalBudget, "{0:R}最終予算"), new(ReportField.SettlementBudget, "{0:R}決算額")], policiesAsSectionRows: false, gradeTally: false);
            layout.BelongTo(plan.Organisation);
            db.ReportTemplates.Add(layout);
            plan.ReportTemplateName = Layout;
            return await db.SaveChangesAsync();
        });
        await CycleSetup.OpenAsync(Factory, planId, year);
        var partId = await CycleSetup.PartIdAsync(Factory, planId, "社会福祉課", Measure);
        var measureId = await Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == planId && m.Title == Measure).Select(m => m.Id).SingleAsync());
        return (planId, partId, measureId);
    }

    [Fact]
    public async Task A_budget_with_four_amounts_two_sub_items_and_three_sources_is_kept_as_typed_and_its_difference_shown_on_the_measure_page()
    {
        var (planId, partId, measureId) = await OpenWithLayoutAsync();
        var fukushi = await Factory.SignedInAsync(CycleFixture.Fukushi);
        var form = await fukushi.GetAsync($"/entries/{partId}");
        // The layout uses all four amounts, so the form asks for each, split by the plan's four sources.
        foreach (var amount in Enum.GetValues<BudgetAmount>())
            Assert.NotNull(form.QuerySelector($"input[name='{Cell(amount, null, 3)}']"));
        Assert.Equal("国庫", form.QuerySelectorAll("#budget-Request ~ thead th")[1].TextContent.Trim());

        var fields = new List<KeyValuePair<string, string>>
        {
            F("Input.Version", form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!), F("Input.Results", "相談と就労の支援を行った。"), F("Input.Grade", "A"),
            F("Input.Budget.Shown", "true"), F("Input.Budget.Items[0]", "相談支援"), F("Input.Budget.Items[1]", "就労支援"), F("Input.Budget.Items[2]", ""),
        };
        foreach (var (amount, stated, first, second) in Typed)
        {
            fields.Add(F(Cell(amount, null, null), stated.ToString("#,0")));
            for (var s = 0; s < 3; s++)
            {
                fields.Add(F(Cell(amount, 0, s), first[s].ToString()));
                fields.Add(F(Cell(amount, 1, s), second[s].ToString()));
            }
        }
        fields.Add(F(Cell(BudgetAmount.Request, 0, null), "1,000"));
        fields.Add(F(Cell(BudgetAmount.Request, 1, null), "800"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await fukushi.PostAsync($"/entries/{partId}?handler=Submit", fields)).StatusCode);

        var line = (await Factory.QueryAsync(db => db.EntryParts.SingleAsync(p => p.Id == partId))).Budget;
        Assert.Equal(["相談支援", "就労支援"], line.Items);
        Assert.Equal(4 + 4 * 2 * 3 + 2, line.Figures.Count);
        Assert.Equal(new ThousandYen(1000), line.Total(BudgetAmount.Request, "相談支援"));
        Assert.Equal(new ThousandYen(1820), line.SumOfParts(BudgetAmount.Final));
        Assert.Equal(new ThousandYen(880), line.BySource(BudgetAmount.Settlement, "国庫"));
        Assert.Equal([(BudgetAmount.Settlement, (string?)null, 40L)], line.Differences());

        // Approved, locked and published, the entry holds the department's line, and the measure page shows it with the difference.
        var secretariat = await Factory.SignedInAsync(CycleFixture.Secretariat);
        await CycleSetup.ApproveAllAndLockAsync(Factory, planId, FiscalYear.Parse("FY2025"), "実施した。");
        var year = FiscalYear.Parse("FY2025");
        Assert.Equal(line, (await Factory.QueryAsync(db => db.YearlyEntries.SingleAsync(e => e.MeasureId == measureId && e.FiscalYear == year))).Budget);
        await secretariat.PostAsync($"/plans/{planId}/cycle/FY2025/publish", []);
        var page = await Factory.NewUser().GetAsync($"/measures/{measureId}");
        var settlement = page.QuerySelector("#entry-FY2025-budget-Settlement")!.Closest("table")!;
        var measureRow = settlement.QuerySelectorAll("tbody tr")[0];
        Assert.Equal(["1,800", "880", "550", "330", "1,760", "+40"], measureRow.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("differs", measureRow.ClassList);
        Assert.Contains("40千円", page.QuerySelector(".budget-difference")!.TextContent);
    }
}

public sealed class SqliteBudgetEntryTests(SqliteCycle fixture) : BudgetEntryTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresBudgetEntryTests(PostgresCycle fixture) : BudgetEntryTests(fixture), IClassFixture<PostgresCycle>;
