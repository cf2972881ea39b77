using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

public class JapaneseTokensTests
{
    [Fact]
    public void Words_are_runs_of_one_script()
    {
        // Ena's (1)-1, 内容.
        Assert.Equal(["協力雇用主制度", "について", "リーフレット", "等", "によって", "情報提供", "を", "行", "います", "。"],
            JapaneseTokens.Words("協力雇用主制度についてリーフレット等によって情報提供を行います。"));
    }

    [Fact]
    public void Digits_latin_letters_and_numbers_with_separators_are_one_word()
    {
        // Ena's (1)-4 results and Hyogo's codes.
        Assert.Equal(["95", "世帯", "111", "人"], JapaneseTokens.Words("95世帯111人"));
        Assert.Equal(["予算", "3,242,800", "千円", "（", "R6", "）"], JapaneseTokens.Words("予算3,242,800千円（R6）"));
        Assert.Equal(["ハローワーク", "求人情報", "（", "常用", "・", "パート", "）"], JapaneseTokens.Words("ハローワーク求人情報（常用・パート）"));
    }

    [Fact]
    public void Clauses_end_at_punctuation_and_line_breaks()
    {
        // Akita's 1-(1)-⑤, with its department marks.
        Assert.Equal(["生活保護受給者等就労自立促進事業の活用等により、", "ハローワークとの連携を図りながら支援を実施する。", "（福祉総務課）\n", "関係機関との連携により"],
            JapaneseTokens.Clauses("生活保護受給者等就労自立促進事業の活用等により、ハローワークとの連携を図りながら支援を実施する。（福祉総務課）\n関係機関との連携により"));
        Assert.Equal(["3,242,800千円"], JapaneseTokens.Clauses("3,242,800千円"));
    }

    [Fact]
    public void Tokens_join_back_into_the_text()
    {
        const string text = "精神科医、臨床心理士、保健師等によるこころの相談等を通じ、適切な医療へ𠮷つなげる。 ok";
        Assert.Equal(text, string.Concat(JapaneseTokens.Words(text)));
        Assert.Equal(text, string.Concat(JapaneseTokens.Clauses(text)));
        Assert.Contains("へ", JapaneseTokens.Words(text));
        Assert.Contains("𠮷", JapaneseTokens.Words(text));
    }
}
