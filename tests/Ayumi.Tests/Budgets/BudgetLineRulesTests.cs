using Ayumi.Domain;

namespace Ayumi.Tests.Budgets;

/// <summary>A budget line keeps what the document states and says where its totals disagree with their parts.</summary>
public sealed class BudgetLineRulesTests
{
    private static BudgetFigure F(BudgetAmount amount, string? item, string? source, long value) => new(amount, item, source, value);

    /// <summary>Two sub-items split by three sources; the measure states 1,800 for a settlement whose sub-items add up to 1,760.</summary>
    private static readonly BudgetLine Line = new(
    [
        F(BudgetAmount.Settlement, null, null, 1800),
        F(BudgetAmount.Settlement, "相談支援", "国庫", 470), F(BudgetAmount.Settlement, "相談支援", "県費", 300), F(BudgetAmount.Settlement, "相談支援", "市町村費", 190),
        F(BudgetAmount.Settlement, "就労支援", "国庫", 410), F(BudgetAmount.Settlement, "就労支援", "県費", 250), F(BudgetAmount.Settlement, "就労支援", "市町村費", 140),
        F(BudgetAmount.Initial, null, null, 1750), F(BudgetAmount.Initial, null, "国庫", 850), F(BudgetAmount.Initial, null, "県費", 550), F(BudgetAmount.Initial, null, "市町村費", 350),
    ]);

    [Fact]
    public void A_stated_total_that_disagrees_with_its_sub_items_is_kept_with_its_difference()
    {
        Assert.Equal(new ThousandYen(1800), Line.Total(BudgetAmount.Settlement));
        Assert.Equal(new ThousandYen(1760), Line.SumOfParts(BudgetAmount.Settlement));
        Assert.Equal(40, Line.Difference(BudgetAmount.Settlement));
        Assert.Equal(new ThousandYen(960), Line.Total(BudgetAmount.Settlement, "相談支援"));
        Assert.Null(Line.Difference(BudgetAmount.Settlement, "相談支援"));
        Assert.Equal([(BudgetAmount.Settlement, (string?)null, 40L)], Line.Differences());
    }

    [Fact]
    public void A_total_split_by_source_that_adds_up_shows_no_difference_and_each_source_sums_over_sub_items()
    {
        Assert.Null(Line.Difference(BudgetAmount.Initial));
        Assert.Equal(new ThousandYen(880), Line.BySource(BudgetAmount.Settlement, "国庫"));
        Assert.Equal(new ThousandYen(850), Line.BySource(BudgetAmount.Initial, "国庫"));
        Assert.Equal(["相談支援", "就労支援"], Line.Items);
    }

    [Fact]
    public void An_absent_amount_is_not_zero()
    {
        var line = BudgetLine.Of(BudgetAmount.Final, new ThousandYen(0));
        Assert.Equal(new ThousandYen(0), line.Total(BudgetAmount.Final));
        Assert.Null(line.Total(BudgetAmount.Request));
        Assert.Null(line.With(BudgetAmount.Final, null, null, null).Total(BudgetAmount.Final));
    }

    [Fact]
    public void The_departments_lines_of_a_shared_measure_add_up_figure_by_figure()
    {
        var soumu = new BudgetLine([F(BudgetAmount.Initial, null, null, 300), F(BudgetAmount.Initial, null, "県費", 300)]);
        var fukushi = new BudgetLine([F(BudgetAmount.Initial, null, null, 500), F(BudgetAmount.Initial, null, "国庫", 250), F(BudgetAmount.Request, null, null, 600)]);
        var sum = BudgetLine.Sum([soumu, fukushi]);
        Assert.Equal(new ThousandYen(800), sum.Stated(BudgetAmount.Initial));
        Assert.Equal(new ThousandYen(550), sum.SumOfParts(BudgetAmount.Initial));
        Assert.Equal(250, sum.Difference(BudgetAmount.Initial));
        Assert.Equal(new ThousandYen(600), sum.Total(BudgetAmount.Request));
    }

    [Fact]
    public void The_same_figure_twice_and_a_sub_item_without_a_name_are_refused()
    {
        Assert.Equal("budget.figureTwice", Assert.Throws<DomainException>(() => new BudgetLine([F(BudgetAmount.Initial, "A", "国庫", 1), F(BudgetAmount.Initial, "A", "国庫", 2)])).Key);
        Assert.Equal("budget.itemNameMissing", Assert.Throws<DomainException>(() => new BudgetLine([F(BudgetAmount.Initial, " ", null, 1)])).Key);
    }
}
