using Ayumi.Domain;
using static Ayumi.Domain.TextDiff;

namespace Ayumi.Tests.Domain;

public class TextDiffTests
{
    private static string Render(IEnumerable<Segment> segments) =>
        string.Concat(segments.Select(s => s.Kind switch { Kind.Removed => $"[-{s.Text}]", Kind.Added => $"[+{s.Text}]", _ => s.Text }));

    /// <summary>Akita's sheet, 1-(1)-②: the measure's 取組内容 and its 令和3年度取組予定, a real revision of one sentence.</summary>
    private const string AkitaContent = "建設工事の入札参加資格がある建設業者が保護観察対象者等の協力雇用主として保護観察所に登録している場合又は保護観察対象者等を雇用している場合は、等級格付の加点対象とする。";
    private const string AkitaPlan = "建設工事の入札参加資格がある建設業者が保護観察対象者等の協力雇用主として保護観察所に登録している場合又は保護観察対象者等を雇用している場合は、等級格付の加点対象優遇措置を継続する。";

    [Theory]
    [InlineData("広報誌に掲載した。", "広報誌に2回掲載した。", "広報誌に[+2回]掲載した。")]
    [InlineData("年1回開催した。", "年2回開催した。", "年[-1][+2]回開催した。")]
    [InlineData("", "新しく書いた。", "[+新しく書いた。]")]
    [InlineData("消した。", "", "[-消した。]")]
    [InlineData("同じ", "同じ", "同じ")]
    public void Marks_what_was_removed_and_added(string before, string after, string expected) =>
        Assert.Equal(expected, Render(Compare(before, after)));

    [Fact]
    public void A_revised_seed_sentence_is_marked_by_phrase_and_its_unchanged_clause_stays_whole()
    {
        Assert.Equal(
            "建設工事の入札参加資格がある建設業者が保護観察対象者等の協力雇用主として保護観察所に登録している場合又は保護観察対象者等を雇用している場合は、等級格付の加点対象[-と][+優遇措置を継続]する。",
            Render(Compare(AkitaContent, AkitaPlan)));
    }

    [Theory]
    [InlineData("Returned", "Submitted", "[-Returned][+Submitted]")]
    [InlineData("差し戻し", "提出済み", "[-差し戻し][+提出済み]")]
    [InlineData("該当事項なし", "社会福祉課等と連携をし、情報の共有を行っていく。", "[-該当事項なし][+社会福祉課等と連携をし、情報の共有を行っていく。]")]
    public void Words_with_nothing_in_common_read_old_then_new_never_letters_interleaved(string before, string after, string expected) =>
        Assert.Equal(expected, Render(Compare(before, after)));

    [Fact]
    public void A_clause_sharing_only_particles_is_replaced_whole()
    {
        // Ena's (1)-1: 令和6年度の実施内容 and 令和7年度の実施予定, which share only の, を and し.
        var segments = Compare("協力雇用主制度についてリーフレット等によって情報提供を行います。", "社会福祉課等と連携をし、情報の共有を行っていく。");
        Assert.Equal([Kind.Removed, Kind.Added], segments.Select(s => s.Kind));
    }

    [Fact]
    public void Both_versions_can_be_rebuilt_from_the_segments()
    {
        const string before = "保護司会と常に連携し、情報共有を行っている。";
        const string after = "保護司会及び更生保護女性会と連携し、年4回の情報共有を行った。";
        foreach (var (a, b) in new[] { (before, after), (AkitaContent, AkitaPlan), (after, before) })
        {
            var segments = Compare(a, b);
            Assert.Equal(a, string.Concat(segments.Where(s => s.Kind != Kind.Added).Select(s => s.Text)));
            Assert.Equal(b, string.Concat(segments.Where(s => s.Kind != Kind.Removed).Select(s => s.Text)));
        }
    }

    [Fact]
    public void No_mark_splits_a_word_into_letters()
    {
        var segments = Compare("保護司会と常に連携し、情報共有を行っている。", "保護司会及び更生保護女性会と連携し、年4回の情報共有を行った。");
        Assert.All(segments.Where(s => s.Kind != Kind.Same), s => Assert.True(s.Text.Length >= 2, Render(segments)));
        Assert.Contains(segments, s => s.Kind == Kind.Same && s.Text.Contains("情報共有を行"));
    }

    [Fact]
    public void Very_long_texts_are_compared_without_a_size_limit()
    {
        var before = "始め。" + string.Concat(Enumerable.Repeat("保護司会と連携した。", 400)) + "終わり。";
        var after = "始め。" + string.Concat(Enumerable.Repeat("保護司会と連携した。", 200)) + "新たに追加した。" + string.Concat(Enumerable.Repeat("保護司会と連携した。", 200)) + "終わり。";
        Assert.Equal("[+新たに追加した。]", string.Concat(Compare(before, after).Where(s => s.Kind != Kind.Same).Select(s => $"[+{s.Text}]")));
    }
}
