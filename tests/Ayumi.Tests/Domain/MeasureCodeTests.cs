using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

public class MeasureCodeTests
{
    [Theory]
    [InlineData("1-(1)-①", new[] { 1, 1, 1 })]
    [InlineData("3-(2)-⑥", new[] { 3, 2, 6 })]
    [InlineData("1-1-1", new[] { 1, 1, 1 })]
    [InlineData("1－1－1", new[] { 1, 1, 1 })]
    [InlineData("5-3-2", new[] { 5, 3, 2 })]
    [InlineData("(1)", new[] { 1 })]
    [InlineData("（３）", new[] { 3 })]
    [InlineData("行動7", new[] { 7 })]
    [InlineData("ア", new[] { 1 })]
    [InlineData("エ", new[] { 4 })]
    [InlineData("行動7-イ-3", new[] { 7, 2, 3 })]
    [InlineData("⑩", new[] { 10 })]
    [InlineData("㉑", new[] { 21 })]
    [InlineData("14", new[] { 14 })]
    public void Reads_each_part_as_a_number(string text, int[] segments)
    {
        var code = MeasureCode.Parse(text);
        Assert.Equal(segments, code.Segments);
        Assert.Equal(text.Trim(), code.Text);
    }

    [Fact]
    public void Akita_and_Komae_styles_are_equivalent()
    {
        var akita = MeasureCode.Parse("1-(1)-①");
        var komae = MeasureCode.Parse("1-1-1");
        Assert.True(akita.IsEquivalentTo(komae));
        Assert.NotEqual(akita, komae);
        Assert.Equal("1-1-1", akita.Normalized);
    }

    [Fact]
    public void Sorts_as_written_numbers_not_as_text()
    {
        var codes = new[] { "1-(1)-⑩", "1-(2)-①", "1-(1)-②", "2-(1)-①", "1-(1)-①" }.Select(MeasureCode.Parse).Order().Select(c => c.Text);
        Assert.Equal(["1-(1)-①", "1-(1)-②", "1-(1)-⑩", "1-(2)-①", "2-(1)-①"], codes);
        Assert.Equal(["ア", "イ", "ウ"], new[] { "ウ", "ア", "イ" }.Select(MeasureCode.Parse).Order().Select(c => c.Text));
        Assert.Equal(["2", "10"], new[] { "10", "2" }.Select(MeasureCode.Parse).Order().Select(c => c.Text));
    }

    [Fact]
    public void Knows_its_parent() =>
        Assert.True(MeasureCode.Parse("1-1").IsParentOf(MeasureCode.Parse("1-1-3")));

    [Theory]
    [InlineData("")]
    [InlineData("番号")]
    [InlineData("-")]
    public void Refuses_text_with_no_number(string text) => Assert.False(MeasureCode.TryParse(text, out _));
}
