using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

public class FiscalYearTests
{
    [Theory]
    [InlineData("令和6年度", 2024)]
    [InlineData("R6", 2024)]
    [InlineData("Ｒ６", 2024)]
    [InlineData("R 6", 2024)]
    [InlineData("r6", 2024)]
    [InlineData("令和元年度", 2019)]
    [InlineData("令和1年度", 2019)]
    [InlineData("H29", 2017)]
    [InlineData("平成29年度", 2017)]
    [InlineData("平成31年度", 2019)]
    [InlineData("平成元年度", 1989)]
    [InlineData("2024年度", 2024)]
    [InlineData("２０２４年度", 2024)]
    [InlineData("FY2024", 2024)]
    [InlineData("fy2024", 2024)]
    [InlineData("2024", 2024)]
    [InlineData("S63", 1988)]
    [InlineData("令6", 2024)]
    public void Parse_reads_every_written_form(string text, int startYear) =>
        Assert.Equal(new FiscalYear(startYear), FiscalYear.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("令和")]
    [InlineData("X6")]
    [InlineData("R0")]
    [InlineData("1800")]
    [InlineData("2024年度予定です")]
    public void Parse_refuses_text_that_is_not_a_fiscal_year(string text)
    {
        Assert.False(FiscalYear.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => FiscalYear.Parse(text));
        Assert.Contains(text, error.Message);
    }

    [Theory]
    [InlineData(2024, "令和6年度", "R6", "2024年度", "FY2024")]
    [InlineData(2019, "令和元年度", "R1", "2019年度", "FY2019")]
    [InlineData(2018, "平成30年度", "H30", "2018年度", "FY2018")]
    [InlineData(1989, "平成元年度", "H1", "1989年度", "FY1989")]
    public void Prints_each_form(int startYear, string japanese, string era, string gregorian, string fy)
    {
        var year = new FiscalYear(startYear);
        Assert.Equal(japanese, year.ToJapanese());
        Assert.Equal(era, year.ToEraAbbreviation());
        Assert.Equal(gregorian, year.ToGregorianJapanese());
        Assert.Equal(fy, year.ToString());
        Assert.Equal(year, FiscalYear.Parse(year.ToString("J")));
        Assert.Equal(year, FiscalYear.Parse(year.ToString("R")));
    }

    [Fact]
    public void Runs_from_first_of_april_to_thirty_first_of_march()
    {
        var year = FiscalYear.Parse("R6");
        Assert.Equal(new DateOnly(2024, 4, 1), year.FirstDay);
        Assert.Equal(new DateOnly(2025, 3, 31), year.LastDay);
        Assert.True(year.Contains(new DateOnly(2025, 3, 31)));
        Assert.False(year.Contains(new DateOnly(2024, 3, 31)));
        Assert.Equal(year, FiscalYear.Containing(new DateOnly(2025, 1, 15)));
        Assert.Equal(year.Next, FiscalYear.Containing(new DateOnly(2025, 4, 1)));
    }

    [Fact]
    public void Orders_by_start_year()
    {
        var years = new[] { "R6", "H29", "FY2021", "令和元年度" }.Select(FiscalYear.Parse).Order().Select(y => y.StartYear);
        Assert.Equal([2017, 2019, 2021, 2024], years);
        Assert.True(FiscalYear.Parse("R5") < FiscalYear.Parse("R6"));
    }

    [Fact]
    public void Refuses_years_outside_the_supported_range() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalYear(1900));
}
