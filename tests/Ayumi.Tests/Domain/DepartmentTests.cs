using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

public class DepartmentPathTests
{
    [Theory]
    [InlineData("社会福祉課(団体指導班)", new[] { "社会福祉課", "団体指導班" })]
    [InlineData("社会福祉課（生活自立・支援班）", new[] { "社会福祉課", "生活自立・支援班" })]
    [InlineData("雇用対策課雇用推進班", new[] { "雇用対策課", "雇用推進班" })]
    [InlineData("県警本部組織犯罪対策第二課・企画推進係", new[] { "県警本部", "組織犯罪対策第二課", "企画推進係" })]
    [InlineData("子ども・家庭支援課 家庭生活支援班", new[] { "子ども・家庭支援課", "家庭生活支援班" })]
    [InlineData("高齢福祉課 (地域包括支援センター)", new[] { "高齢福祉課", "地域包括支援センター" })]
    [InlineData("子ども未来センター・少年指導センター", new[] { "子ども未来センター・少年指導センター" })]
    [InlineData("健康福祉部", new[] { "健康福祉部" })]
    [InlineData("県警本部県民安全対策課", new[] { "県警本部", "県民安全対策課" })]
    public void Reads_units_top_first(string text, string[] units) => Assert.Equal(units, DepartmentPath.Parse(text).Units);

    [Theory]
    [InlineData("福祉総務課、保護第一課、保護第二課", 3)]
    [InlineData("総務課 社会福祉課", 2)]
    [InlineData("高齢福祉課 (地域包括支援センター)", 1)]
    [InlineData("子ども・家庭支援課 家庭生活支援班", 1)]
    [InlineData("障がい福祉課、長寿福祉課、介護保険課", 3)]
    public void Reads_lists_of_departments(string text, int count) => Assert.Equal(count, DepartmentPath.ParseList(text).Count);

    [Theory]
    [InlineData("健康福祉部", DepartmentLevel.Division)]
    [InlineData("社会福祉課", DepartmentLevel.Section)]
    [InlineData("団体指導班", DepartmentLevel.Unit)]
    [InlineData("企画推進係", DepartmentLevel.Unit)]
    public void Knows_the_rank_of_a_unit(string unit, DepartmentLevel level) => Assert.Equal(level, DepartmentPath.LevelOf(unit));
}

public class OrganisationDepartmentTests
{
    private static Organisation Miyagi() => new(LocalGovernmentCode.Parse("040002"), "宮城県");

    [Fact]
    public void A_section_with_its_unit_and_the_section_alone_resolve_to_the_right_units()
    {
        var miyagi = Miyagi();
        var unit = miyagi.ResolveDepartment("社会福祉課(団体指導班)");
        var section = miyagi.ResolveDepartment("社会福祉課");
        Assert.Equal("団体指導班", unit.Name);
        Assert.Same(section, unit.Parent);
        Assert.Same(unit, miyagi.ResolveDepartment("社会福祉課(団体指導班)"));
        Assert.Same(unit, miyagi.ResolveDepartment("社会福祉課（団体指導班）"));
        Assert.Equal(2, miyagi.Departments.Count);
        Assert.Equal("社会福祉課(団体指導班)", unit.DisplayName);
    }

    [Fact]
    public void A_name_written_without_its_division_finds_the_unit_under_the_division()
    {
        var komae = new Organisation(LocalGovernmentCode.Parse("132195"), "狛江市");
        var full = komae.AddDepartmentPath(["福祉保健部", "福祉政策課"]);
        Assert.Same(full, komae.ResolveDepartment("福祉政策課"));
        Assert.Same(full.Parent, komae.FindDepartment("福祉保健部"));
    }

    [Fact]
    public void An_alias_resolves_to_its_department()
    {
        var miyagi = Miyagi();
        var department = miyagi.ResolveDepartment("精神保健推進室");
        department.AddAlias("精神保健室");
        Assert.Same(department, miyagi.FindDepartment("精神保健室"));
        Assert.Null(miyagi.FindDepartment("存在しない課"));
    }
}
