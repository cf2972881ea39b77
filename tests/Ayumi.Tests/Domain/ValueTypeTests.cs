using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

public class ThousandYenTests
{
    [Theory]
    [InlineData("2,362", 2362)]
    [InlineData("3,242,800", 3242800)]
    [InlineData("２，３６２", 2362)]
    [InlineData("0", 0)]
    [InlineData(" 48 ", 48)]
    public void Reads_budget_cells(string cell, long value) => Assert.Equal(new ThousandYen(value), ThousandYen.ParseCell(cell));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("－")]
    [InlineData(null)]
    public void A_dash_or_blank_means_no_budget_not_zero(string? cell) => Assert.Null(ThousandYen.ParseCell(cell));

    [Theory]
    [InlineData("なし")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Text_that_is_not_an_amount_is_refused(string cell) => Assert.Throws<FormatException>(() => ThousandYen.ParseCell(cell));

    [Fact]
    public void Prints_with_separators_and_unit()
    {
        var amount = new ThousandYen(3242800);
        Assert.Equal("3,242,800", amount.ToString());
        Assert.Equal("3,242,800千円", amount.ToStringWithUnit());
        Assert.Equal(3_242_800_000m, amount.Yen);
        Assert.Equal(new ThousandYen(3242848), amount + new ThousandYen(48));
    }

    [Fact]
    public void Cannot_be_negative() => Assert.Throws<ArgumentOutOfRangeException>(() => new ThousandYen(-1));
}

public class LocalGovernmentCodeTests
{
    [Theory]
    [InlineData("052019", false)]
    [InlineData("212105", false)]
    [InlineData("040002", true)]
    [InlineData("132195", false)]
    [InlineData("280003", true)]
    [InlineData("０５２０１９", false)]
    public void Accepts_codes_with_a_valid_check_digit(string text, bool isPrefecture)
    {
        Assert.True(LocalGovernmentCode.TryParse(text, out var code, out _));
        Assert.Equal(isPrefecture, code.IsPrefecture);
    }

    [Theory]
    [InlineData("052018", "check digit should be 9")]
    [InlineData("05201", "six digits")]
    [InlineData("ABCDEF", "six digits")]
    [InlineData("992019", "not a prefecture number")]
    public void Refuses_wrong_codes_saying_why(string text, string reason)
    {
        Assert.False(LocalGovernmentCode.TryParse(text, out _, out var message));
        Assert.Contains(reason, message);
    }
}

public class GradeScaleTests
{
    [Theory]
    [InlineData("A(予定通り進行)", "A")]
    [InlineData("A", "A")]
    [InlineData("Ａ", "A")]
    [InlineData("D(その他)", "D")]
    [InlineData("B（予定を変更、修正して進行）", "B")]
    public void Reads_grade_cells_on_the_default_scale(string cell, string symbol) => Assert.Equal(symbol, GradeScale.Default.ReadCell(cell));

    [Fact]
    public void An_empty_cell_is_ungraded() => Assert.Null(GradeScale.Default.ReadCell(" "));

    [Theory]
    [InlineData("E")]
    [InlineData("A(予定どおりでない)")]
    public void Refuses_grades_off_the_scale_or_with_a_contradicting_label(string cell) =>
        Assert.Throws<FormatException>(() => GradeScale.Default.ReadCell(cell));

    [Fact]
    public void A_plan_can_use_its_own_scale()
    {
        var scale = new GradeScale([new("◎", "達成"), new("○", "概ね達成"), new("△", "未達成")]);
        Assert.Equal("○", scale.ReadCell("○(概ね達成)"));
        Assert.Throws<FormatException>(() => scale.ReadCell("A"));
        Assert.Throws<ArgumentException>(() => new GradeScale([new("A", "x"), new("A", "y")]));
    }
}
