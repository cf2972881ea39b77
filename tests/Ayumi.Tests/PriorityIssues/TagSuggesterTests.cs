using Ayumi.Domain;

namespace Ayumi.Tests.PriorityIssues;

/// <summary>The keyword rules of the priority-issue suggester, and the reference tree they name.</summary>
public class TagSuggesterTests
{
    private static readonly NationalPlanReference Reference = NationalPlanReference.Shipped();

    private static TagSuggester Rules(string rules) => TagSuggester.Read(new StringReader(rules), Reference);

    private static MeasureText Text(string title, string? description = null, params string[] departments) => new(title, description, departments);

    [Fact]
    public void The_shipped_rules_suggest_employment_and_its_sub_area_for_a_measure_about_cooperating_employers()
    {
        var suggester = TagSuggester.Shipped(Reference);
        var suggestion = Assert.Single(suggester.Suggest(Text("協力雇用主の支援・拡大及び求人情報の提供", "協力雇用主制度についてリーフレット等によって情報提供を行います。", "商工課")));
        Assert.Equal(1, suggestion.Issue.Number);
        Assert.Equal(["1-1"], suggestion.Areas);
        Assert.Contains("協力雇用主", suggestion.Keywords);
        Assert.Equal([new IssueTag(PriorityIssue.Numbered(1), "1-1")], suggestion.Tags);
    }

    [Fact]
    public void A_keyword_in_the_title_counts_twice_its_weight_and_in_the_description_or_departments_once()
    {
        var suggester = Rules("threshold\t4\n3\t2\t学校\n");
        Assert.Equal(4, suggester.Suggest(Text("学校での相談")).Single().Score);
        Assert.Empty(suggester.Suggest(Text("相談", "学校で行う")));
        Assert.Empty(suggester.Suggest(Text("相談", null, "学校教育課")));
        Assert.Equal(4, Rules("threshold\t4\n3\t2\t学校\n3\t2\t教育\n").Suggest(Text("相談", "学校で行う", "教育委員会")).Single().Score);
    }

    [Fact]
    public void Full_width_and_half_width_text_match_the_same_keyword()
    {
        var suggester = Rules("threshold\t4\n4\t3\tDV\n");
        Assert.Equal(4, suggester.Suggest(Text("ＤＶ防止事業")).Single().Issue.Number);
        Assert.Equal(4, Rules("threshold\t4\n4\t3\tＤＶ\n").Suggest(Text("DV防止事業")).Single().Issue.Number);
    }

    [Fact]
    public void A_negative_weight_speaks_against_an_issue_and_a_weak_issue_beside_a_strong_one_is_left_out()
    {
        var suggester = Rules("threshold\t4\nrelative\t60\n6\t3\t見守り\n6\t-4\t防犯\n1\t4\t就労\n5\t2\t保護司\n");
        Assert.Empty(suggester.Suggest(Text("防犯の見守り活動")));
        Assert.Equal([6], suggester.Suggest(Text("見守り活動")).Select(s => s.Issue.Number));
        // 就労 in the title scores 8; 保護司 in the title scores 4, under 60 percent of the best.
        Assert.Equal([1], suggester.Suggest(Text("保護司と連携した就労支援")).Select(s => s.Issue.Number));
        Assert.Equal([1, 5], Rules("threshold\t4\n1\t4\t就労\n5\t2\t保護司\n").Suggest(Text("保護司と連携した就労支援")).Select(s => s.Issue.Number));
    }

    [Fact]
    public void A_measure_whose_words_reach_no_threshold_gets_no_suggestion()
    {
        Assert.Empty(TagSuggester.Shipped(Reference).Suggest(Text("犯罪被害者等への支援", "犯罪被害者等支援に係る総合的な窓口を設置し、一元化を図る。", "市民相談センター")));
    }

    [Theory]
    [InlineData("threshold\t4\n9\t2\t学校\n", "line 2: '9' is neither a priority issue")]
    [InlineData("threshold\t4\n3-9\t2\t学校\n", "line 2: '3-9' is neither a priority issue")]
    [InlineData("threshold\t4\n3\tmany\t学校\n", "line 2: 'many' is not a weight")]
    [InlineData("threshold\t4\n3\t2\n", "line 2: expected target, weight and keyword")]
    [InlineData("3\t2\t学校\n", "the rules need a line 'threshold")]
    public void A_rules_file_that_is_not_rules_is_refused_with_its_line(string rules, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Rules(rules));
        Assert.StartsWith(reason, e.Message);
    }

    [Fact]
    public void The_seven_issues_are_built_in_with_the_national_plans_wording_and_the_shipped_tree_holds_the_sub_areas_of_issues_1_and_2()
    {
        Assert.Equal(["就労・住居の確保等", "保健医療・福祉サービスの利用の促進等", "学校等と連携した修学支援の実施等", "犯罪をした者等の特性に応じた効果的な指導の実施等",
            "民間協力者の活動の促進等", "地域による包摂の推進", "再犯防止に向けた基盤の整備等"], PriorityIssue.All.Select(i => i.Name));
        Assert.Equal(["1-1 就労の確保等", "1-2 住居の確保等", "2-1 高齢者又は障害のある者等への支援等"], Reference.All.Select(a => a.Label(english: false)));
        Assert.Equal([1, 1, 2], Reference.All.Select(a => a.Issue.Number));
        Assert.Throws<DomainException>(() => PriorityIssue.Numbered(8));
    }

    [Fact]
    public void An_installations_file_adds_numbered_measures_under_a_shipped_sub_area_and_new_sub_areas_or_replaces_the_tree()
    {
        var extension = """
            { "format": "ayumi-national-plan", "formatVersion": 1, "plan": "第二次再犯防止推進計画",
              "areas": [
                { "issue": 1, "code": "1-1", "name": "就労の確保等", "children": [ { "code": "施策1", "measureNumber": 1, "name": "職業適性の把握と就労につながる知識・技能等の習得" } ] },
                { "issue": 3, "code": "3-1", "name": "学校等と連携した修学支援の実施等" } ] }
            """u8.ToArray();
        var extended = Reference.With(extension);
        Assert.Equal(["1-1", "施策1", "1-2", "2-1", "3-1"], extended.All.Select(a => a.Code));
        Assert.Equal((1, 1), (extended.Find("施策1")!.Issue.Number, extended.Find("施策1")!.MeasureNumber!.Value));
        Assert.Equal("施策1 (1) 職業適性の把握と就労につながる知識・技能等の習得", extended.Find("施策1")!.Label(english: false));

        var replaced = Reference.With("""{ "format": "ayumi-national-plan", "formatVersion": 1, "plan": "p", "mode": "replace", "areas": [ { "issue": 7, "code": "7-1", "name": "基盤" } ] }"""u8.ToArray());
        Assert.Equal(["7-1"], replaced.All.Select(a => a.Code));
    }

    [Theory]
    [InlineData("""{ "format": "ayumi-national-plan", "formatVersion": 1, "plan": "p", "areas": [ { "code": "x", "name": "n" } ] }""", "areas[0].issue")]
    [InlineData("""{ "format": "ayumi-national-plan", "formatVersion": 1, "plan": "p", "areas": [ { "issue": 1, "code": "x", "name": "n", "children": [ { "issue": 2, "code": "y", "name": "m" } ] } ] }""", "areas[0].children[0]: issue 2")]
    [InlineData("""{ "format": "ayumi-national-plan", "formatVersion": 1, "plan": "p", "areas": [ { "issue": 1, "code": "x", "name": "n" }, { "issue": 2, "code": "x", "name": "m" } ] }""", "the code 'x' appears twice")]
    [InlineData("""{ "format": "other", "formatVersion": 1, "plan": "p", "areas": [] }""", "format:")]
    public void A_reference_file_that_breaks_the_format_is_refused_saying_where(string json, string reason)
    {
        var e = Assert.Throws<FormatException>(() => NationalPlanReference.Read(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Contains(reason, e.Message);
    }
}
