using Ayumi.Domain;
using Ayumi.Features.Search;

namespace Ayumi.Tests.Domain;

public class SearchTextTests
{
    [Fact]
    public void Full_and_half_width_forms_and_half_width_kana_normalise_to_one_form()
    {
        Assert.Equal("SNS相談", SearchText.Normalise("ＳＮＳ相談"));
        Assert.Equal("ジョブトレーニング", SearchText.Normalise("ｼﾞｮﾌﾞﾄﾚｰﾆﾝｸﾞ"));
        Assert.Equal("(1)-1", SearchText.Normalise("（１）－１"));
        // NFKC does not make hiragana and katakana one: しゅうろう and シュウロウ stay apart.
        Assert.NotEqual(SearchText.Normalise("しゅうろう"), SearchText.Normalise("シュウロウ"));
    }

    [Fact]
    public void A_text_gives_each_pair_of_neighbouring_characters_and_its_last_character_as_letter_tokens()
    {
        var tokens = SearchText.Tokens("就労支援").ToList();
        Assert.Equal(4, tokens.Count);
        Assert.All(tokens, t => Assert.Matches("^[a-p]+$", t));
        Assert.Equal([12, 12, 12, 6], tokens.Select(t => t.Length));
        Assert.Equal(SearchText.QueryTokens("就労")!.Tokens.Single(), tokens[0]);
        Assert.Equal(SearchText.QueryTokens("援")!.Tokens.Single(), tokens[^1]);
    }

    [Fact]
    public void A_query_asks_for_all_its_pairs_or_for_one_character_a_prefix()
    {
        var five = SearchText.QueryTokens("協力雇用主")!;
        Assert.False(five.IsPrefix);
        Assert.Equal(4, five.Tokens.Count);
        Assert.All(five.Tokens, t => Assert.Contains(t, SearchText.Tokens("市の協力雇用主会")));
        var one = SearchText.QueryTokens("寮")!;
        Assert.True(one.IsPrefix);
        Assert.StartsWith(one.Tokens.Single(), SearchText.Tokens("寮費").First());
        Assert.Null(SearchText.QueryTokens(""));
    }

    [Fact]
    public void A_character_outside_the_basic_plane_is_one_character()
    {
        Assert.Equal(2, SearchText.Length("𠮷野"));
        Assert.Equal(2, SearchText.Tokens("𠮷野").Count());
    }

    [Fact]
    public void A_snippet_encodes_the_text_and_marks_every_match_in_the_field_that_holds_the_first()
    {
        Assert.Equal("<mark>住居</mark>の確保と&lt;b&gt;<mark>住居</mark>&lt;/b&gt;", Snippet.Of("事業名\n住居の確保と<b>住居</b>\n別の住居", "住居"));
        var longText = new string('あ', 50) + "就労" + new string('い', 100);
        Assert.Equal("…" + new string('あ', 30) + "<mark>就労</mark>" + new string('い', 90) + "…", Snippet.Of(longText, "就労"));
    }

    [Fact]
    public void Population_bands_cover_every_population_once()
    {
        foreach (var population in new[] { 0, 9_999, 10_000, 48_371, 99_999, 100_000, 999_999, 1_000_000, 5_488_605 })
            Assert.Single(PopulationBand.All, b => b.Contains(population));
    }
}
