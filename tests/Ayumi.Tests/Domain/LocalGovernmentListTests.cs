using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>The national list as shipped, its reader, and the search an administrator uses to choose an organisation.</summary>
public class LocalGovernmentListTests
{
    private static readonly LocalGovernmentList List = LocalGovernmentList.Shipped();

    [Fact]
    public void The_shipped_list_holds_47_prefectures_and_1741_municipalities_and_no_wards()
    {
        Assert.Equal(1788, List.All.Count);
        Assert.Equal(47, List.All.Count(e => e.Kind == OrganisationKind.Prefecture));
        Assert.Equal(1741, List.All.Count(e => e.Kind == OrganisationKind.Municipality));
        Assert.Equal(125_927_902, List.All.Where(e => e.Kind == OrganisationKind.Municipality).Sum(e => (long)e.Population));
    }

    [Fact]
    public void Ena_is_read_with_its_kind_prefecture_reading_parent_and_population()
    {
        var ena = List.Find(LocalGovernmentCode.Parse("212105"))!;
        Assert.Equal(new LocalGovernment(LocalGovernmentCode.Parse("212105"), OrganisationKind.Municipality, "岐阜県", "恵那市", "えなし", LocalGovernmentCode.Parse("210005"), 48371), ena);
        Assert.Equal("岐阜県恵那市", ena.FullName);
        var miyagi = List.Find(LocalGovernmentCode.Parse("040002"))!;
        Assert.Equal((OrganisationKind.Prefecture, "宮城県", (LocalGovernmentCode?)null), (miyagi.Kind, miyagi.FullName, miyagi.Parent));
    }

    [Theory]
    [InlineData("恵那市", "212105")]
    [InlineData("えなし", "212105")]
    [InlineData("エナシ", "212105")]
    [InlineData("ｴﾅｼ", "212105")]
    [InlineData("岐阜県恵那市", "212105")]
    [InlineData("212105", "212105")]
    [InlineData("２１２１０５", "212105")]
    [InlineData("宮城県", "040002")]
    [InlineData("みやぎけん", "040002")]
    [InlineData("狛江市", "132195")]
    [InlineData("こまえ", "132195")]
    [InlineData("外ケ浜町", "023078")]
    public void Search_finds_by_name_reading_or_code_in_any_width_and_kana(string query, string code) =>
        Assert.Equal(code, List.Search(query)[0].Code.Value);

    [Fact]
    public void Search_puts_exact_names_first_then_prefectures_before_municipalities_in_code_order()
    {
        Assert.Equal(["132063", "342084"], List.Search("府中市").Take(2).Select(e => e.Code.Value));
        Assert.Equal("宮城県", List.Search("宮城")[0].Name);
        Assert.Equal("岐阜県", List.Search("ぎふ")[0].Name);
        Assert.Equal("岐阜市", List.Search("ぎふ")[1].Name);
    }

    [Fact]
    public void Search_by_the_first_digits_of_a_code_lists_that_prefecture()
    {
        var gifu = List.Search("21", limit: 100);
        Assert.Equal(43, gifu.Count);
        Assert.All(gifu, e => Assert.StartsWith("21", e.Code.Value));
        Assert.Empty(List.Search("  "));
    }

    [Fact]
    public void A_ward_is_refused_with_the_city_to_choose_instead()
    {
        var aoba = LocalGovernmentCode.Parse("041017");
        Assert.Null(List.Find(aoba));
        Assert.Empty(List.Search("041017"));
        var refused = Assert.Throws<DomainException>(() => List.Require(aoba));
        Assert.Equal(("organisationNew.ward", "仙台市青葉区"), (refused.Key, refused.Arguments[1]));
    }

    [Fact]
    public void A_village_without_residents_is_refused()
    {
        var shikotan = LocalGovernmentCode.Parse("016951");
        Assert.Empty(List.Search("しこたんむら"));
        var refused = Assert.Throws<DomainException>(() => List.Require(shikotan));
        Assert.Equal(("organisationNew.noPopulation", "色丹村"), (refused.Key, refused.Arguments[1]));
    }

    [Fact]
    public void A_code_outside_the_list_is_refused_as_not_listed()
    {
        var unlisted = LocalGovernmentCode.Parse("21999" + LocalGovernmentCode.CheckDigit("21999"));
        Assert.Equal("organisationNew.notListed", Assert.Throws<DomainException>(() => List.Require(unlisted)).Key);
    }

    [Theory]
    [InlineData("lg_code,kind\n", "line 1: expected the header")]
    [InlineData("HEADER\n212105,municipality,岐阜県,恵那市,えなし,210005,48371\n", "line 2: 7 columns, expected 8.")]
    [InlineData("HEADER\n212106,municipality,岐阜県,恵那市,えなし,210005,48371,19887\n", "line 2: '212106' is not a local government code: its check digit should be 5.")]
    [InlineData("HEADER\n212105,town,岐阜県,恵那市,えなし,210005,48371,19887\n", "line 2: 'town' is not a kind")]
    [InlineData("HEADER\n212105,municipality,岐阜県,恵那市,えなし,210005,多い,19887\n", "line 2: '多い' is not a population.")]
    public void The_reader_names_the_line_and_the_reason_of_a_broken_row(string csv, string message)
    {
        var text = csv.Replace("HEADER", "lg_code,kind,prefecture,name,kana,parent_code,population_2022_01_01,households_2022_01_01");
        var error = Assert.Throws<FormatException>(() => LocalGovernmentList.Read(new StringReader(text)));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void An_organisation_from_the_list_carries_its_description_and_a_stored_value_is_never_replaced()
    {
        var listed = List.Find(LocalGovernmentCode.Parse("212105"))!;
        var ena = Organisation.From(listed);
        Assert.Equal((OrganisationKind.Municipality, "岐阜県", "えなし", "210005", 48371), (ena.Kind, ena.Prefecture, ena.Reading, ena.ParentCode?.Value, ena.Population));
        ena.Describe(listed with { Reading = "えなーし", Population = 1 });
        Assert.Equal(("えなし", 48371), (ena.Reading, ena.Population));
        Assert.Throws<DomainException>(() => ena.Describe(List.Find(LocalGovernmentCode.Parse("040002"))!));
    }

    [Fact]
    public void A_wide_area_union_is_entered_by_hand_with_a_kind_of_its_own()
    {
        var code = LocalGovernmentCode.Parse("21999" + LocalGovernmentCode.CheckDigit("21999"));
        var union = Organisation.WideAreaUnion(code, " 東濃広域連合 ", "とうのうこういきれんごう", "岐阜県", 300000);
        Assert.Equal((OrganisationKind.WideAreaUnion, "東濃広域連合", "岐阜県", 300000), (union.Kind, union.Name, union.Prefecture, union.Population));
        Assert.Equal("organisationNew.unionReading", Assert.Throws<DomainException>(() => Organisation.WideAreaUnion(code, "東濃広域連合", " ", null, null)).Key);
    }
}
