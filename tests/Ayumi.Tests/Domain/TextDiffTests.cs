using Ayumi.Domain;
using static Ayumi.Domain.TextDiff;

namespace Ayumi.Tests.Domain;

public class TextDiffTests
{
    private static string Render(IEnumerable<Segment> segments) =>
        string.Concat(segments.Select(s => s.Kind switch { Kind.Removed => $"[-{s.Text}]", Kind.Added => $"[+{s.Text}]", _ => s.Text }));

    [Theory]
    [InlineData("広報誌に掲載した。", "広報誌に2回掲載した。", "広報誌に[+2回]掲載した。")]
    [InlineData("年1回開催した。", "年2回開催した。", "年[-1][+2]回開催した。")]
    [InlineData("", "新しく書いた。", "[+新しく書いた。]")]
    [InlineData("消した。", "", "[-消した。]")]
    [InlineData("同じ", "同じ", "同じ")]
    public void Marks_what_was_removed_and_added(string before, string after, string expected) =>
        Assert.Equal(expected, Render(Compare(before, after)));

    [Fact]
    public void Both_versions_can_be_rebuilt_from_the_segments()
    {
        const string before = "保護司会と常に連携し、情報共有を行っている。";
        const string after = "保護司会及び更生保護女性会と連携し、年4回の情報共有を行った。";
        var segments = Compare(before, after);
        Assert.Equal(before, string.Concat(segments.Where(s => s.Kind != Kind.Added).Select(s => s.Text)));
        Assert.Equal(after, string.Concat(segments.Where(s => s.Kind != Kind.Removed).Select(s => s.Text)));
    }

    [Fact]
    public void Very_long_texts_are_shown_replaced_whole_in_the_middle()
    {
        var before = "始" + new string('あ', 600) + "終";
        var after = "始" + new string('い', 600) + "終";
        Assert.Equal(["Same", "Removed", "Added", "Same"], Compare(before, after).Select(s => s.Kind.ToString()));
    }
}
