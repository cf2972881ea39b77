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

    /// <summary>Each amount's stated total, then its 国庫, 県費 and 市町村費.</summary>
    private static readonly ReportColumn[] MoneyColumns =
    [
        .. new[] { (ReportField.RequestBudget, "要求額"), (ReportField.InitialBudget, "当初予算額"), (ReportField.FinalBudget, "最終予算額"), (ReportField.SettlementBudget, "決算額") }
            .SelectMany(a => new[] { new ReportColumn(a.Item1, a.Item2), new(a.Item1, $"{a.Item2}（国庫）", Source: "国庫"), new(a.Item1, $"{a.Item2}（県費）", Source: "県費"), new(a.Item1, $"{a.Item2}（市町村費）", Source: "市町村費") }),
    ];

    private async Task<(int PlanId, int PartId, int MeasureId)> OpenWithLayoutAsync()
    {
        var planId = await Factory.PlanIdAsync("212105");
        var year = FiscalYear.Parse("FY2025");
        await Factory.QueryAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Organisation).SingleAsync(p => p.Id == planId);
            var layout = new ReportTemplate(Layout, [new(ReportField.Code, "番号"), new(ReportField.Title, "事業名"), .. MoneyColumns], policiesAsSectionRows: false, gradeTally: false);
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
    public async Task A_budget_with_four_amounts_two_sub_items_and_three_sources_is_kept_as_typed_and_its_difference_shown_on_the_measure_page_and_in_the_xlsx_and_csv_sheet()
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

        // The progress sheet, as xlsx and as CSV: the measure's stated totals with the settlement's difference in a column of its own
        // after the settlement total, then a row per sub-item, (1) and (2) in the title column, with its sources.
        string[] heading = ["番号", "事業名", .. MoneyColumns.Take(12).Select(c => c.Heading), "決算額", "決算の記載額と内訳の差", "決算額（国庫）", "決算額（県費）", "決算額（市町村費）"];
        string[] measure = ["1800", "", "", "", "1750", "", "", "", "1820", "", "", "", "1800", "40", "", "", ""];
        string[] firstItem = ["(1)相談支援", "1000", "500", "300", "200", "", "450", "300", "200", "", "480", "310", "200", "", "", "470", "300", "190"];
        string[] secondItem = ["(2)就労支援", "800", "400", "250", "150", "", "400", "250", "150", "", "420", "260", "150", "", "", "410", "250", "140"];
        foreach (var format in new[] { "xlsx", "csv" })
        {
            var response = await Factory.NewUser().Client.GetAsync($"/plans/{planId}/report/FY2025?handler={format}");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var rows = Ayumi.Features.Import.Reading.WorkbookReader.Read($"sheet.{format}", new MemoryStream(await response.Content.ReadAsByteArrayAsync()),
                Ayumi.Features.Import.Reading.ReadLimits.Default).Sheets[0].Rows.Select(r => r.Cells.Select(c => c.Trim().Replace(",", "")).Concat(Enumerable.Repeat("", 30)).ToList()).ToList();
            // (a reader leaves out a row's trailing empty cells: padded, every row compares at its full width)
            Assert.Contains(rows, r => r.Take(heading.Length).SequenceEqual(heading));
            var at = rows.FindIndex(r => r.Count > 1 && r[1] == Measure);
            Assert.Equal(measure, rows[at].Skip(2).Take(measure.Length));
            Assert.Equal(firstItem, rows[at + 1].Skip(1).Take(firstItem.Length));
            Assert.Equal(secondItem, rows[at + 2].Skip(1).Take(secondItem.Length));
        }
    }
}

public sealed class SqliteBudgetEntryTests(SqliteCycle fixture) : BudgetEntryTests(fixture), IClassFixture<SqliteCycle>;

public sealed class PostgresBudgetEntryTests(PostgresCycle fixture) : BudgetEntryTests(fixture), IClassFixture<PostgresCycle>;
