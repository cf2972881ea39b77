using Ayumi.Tests.Web;
using Xunit.Abstractions;

namespace Ayumi.Tests.Fuzz;

/// <summary>
/// Runs one format's fuzzer for its budget against a SQLite database with the demo data, through
/// the import path that commits. Each format is a class of its own, so that xunit runs them beside
/// the rest of the suite. See README.md beside this file.
/// </summary>
public abstract class FuzzTestBase(SqliteAyumi ayumi, ITestOutputHelper output)
{
    protected async Task FuzzAsync(FuzzTarget target)
    {
        var campaign = new FuzzCampaign(target, ayumi.Factory.Services);
        await campaign.RunAsync(FuzzCampaign.Budget, FuzzCampaign.FirstSeed);
        output.WriteLine($"{target.Format}: {campaign.Inputs} inputs in {FuzzCampaign.Budget.TotalSeconds:F0} s (seed {FuzzCampaign.FirstSeed}): "
            + string.Join(", ", campaign.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")) + $"; slowest {campaign.Slowest.TotalMilliseconds:F0} ms");
        Assert.True(campaign.Inputs > 0, "The budget ran out before one input.");
        Assert.True(campaign.Findings.Count == 0,
            $"{campaign.Findings.Count} input(s) broke the property. Fix the importer, then copy each file into tests/Ayumi.Tests/Fuzz/regressions/{target.Format}/:\n"
            + string.Join("\n", campaign.Findings.Select(f => $"{f.Input}\n  {f.What}")));
    }
}

public class TsvFuzzTests(SqliteAyumi ayumi, ITestOutputHelper output) : FuzzTestBase(ayumi, output), IClassFixture<SqliteAyumi>
{
    [Fact]
    public Task Mutated_tab_separated_sheets_get_a_result_or_a_message_and_never_a_half_written_import() => FuzzAsync(SheetTarget.Tsv);
}

public class CsvFuzzTests(SqliteAyumi ayumi, ITestOutputHelper output) : FuzzTestBase(ayumi, output), IClassFixture<SqliteAyumi>
{
    [Fact]
    public Task Mutated_csv_sheets_get_a_result_or_a_message_and_never_a_half_written_import() => FuzzAsync(SheetTarget.Csv);
}

public class XlsxFuzzTests(SqliteAyumi ayumi, ITestOutputHelper output) : FuzzTestBase(ayumi, output), IClassFixture<SqliteAyumi>
{
    [Fact]
    public Task Mutated_xlsx_workbooks_get_a_result_or_a_message_and_never_a_half_written_import() => FuzzAsync(SheetTarget.Xlsx);
}

public class XlsFuzzTests(SqliteAyumi ayumi, ITestOutputHelper output) : FuzzTestBase(ayumi, output), IClassFixture<SqliteAyumi>
{
    [Fact]
    public Task Mutated_xls_workbooks_get_a_result_or_a_message_and_never_a_half_written_import() => FuzzAsync(SheetTarget.Xls);
}

public class PlanFileFuzzTests(SqliteAyumi ayumi, ITestOutputHelper output) : FuzzTestBase(ayumi, output), IClassFixture<SqliteAyumi>
{
    [Fact]
    public Task Mutated_plan_files_get_a_result_or_a_message_and_never_a_half_written_load() => FuzzAsync(PlanFileTarget.Instance);
}

public class IndicatorSheetFuzzTests(SqliteAyumi ayumi, ITestOutputHelper output) : FuzzTestBase(ayumi, output), IClassFixture<SqliteAyumi>
{
    [Fact]
    public Task Mutated_indicator_sheets_get_a_result_or_a_message_and_never_a_half_written_import() => FuzzAsync(IndicatorSheetTarget.Instance);
}
