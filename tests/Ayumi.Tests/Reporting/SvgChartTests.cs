using System.Text.RegularExpressions;
using Ayumi.Features.Reports;

namespace Ayumi.Tests.Reporting;

public partial class SvgChartTests
{
    [Theory]
    [InlineData(42.75, 50)]
    [InlineData(17, 20)]
    [InlineData(0.3, 0.5)]
    [InlineData(100, 100)]
    [InlineData(101, 200)]
    public void A_tick_step_is_one_two_or_five_times_a_power_of_ten(double rough, double step) =>
        Assert.Equal(step, SvgChart.NiceStep(rough), 9);

    [Fact]
    public void The_value_axis_of_a_line_chart_reads_in_round_steps_that_cover_every_value()
    {
        var svg = SvgChart.Lines("c", "まちづくり防犯グループの結成数", ["2017", "2018", "2019", "2020", "2021"],
            [new ChartLine("実績", 1, [2329m, null, null, null, null]), new ChartLine("目標への道筋", 2, [2329m, 2371.75m, 2414.5m, 2457.25m, 2500m], Dashed: true)], "グループ");

        var ticks = AxisLabel().Matches(svg).Select(m => decimal.Parse(m.Groups["value"].Value.Replace(",", ""))).ToList();

        Assert.InRange(ticks.Count, 3, 6);
        var step = ticks[1] - ticks[0];
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)step)));
        Assert.Contains(step / power, new[] { 1m, 2m, 5m });
        Assert.All(ticks, t => Assert.Equal(0m, t % step));
        Assert.True(ticks[0] <= 2329m && ticks[^1] >= 2500m, string.Join(", ", ticks));
    }

    [GeneratedRegex(@"text-anchor=""end"">(?<value>[\d,.]+)</text>")]
    private static partial Regex AxisLabel();
}
