using Ayumi.Tests.Web;

namespace Ayumi.Tests.Fuzz;

/// <summary>
/// Every input that once broke the property, kept under regressions/&lt;format&gt;/, replayed
/// through the same check as the fuzzer's, on SQLite and PostgreSQL.
/// </summary>
public abstract class FuzzRegressionTests(AyumiFixture ayumi)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fuzz", "regressions");

    private static FuzzTarget Target(string format) => format switch
    {
        "tsv" => SheetTarget.Tsv,
        "csv" => SheetTarget.Csv,
        "xlsx" => SheetTarget.Xlsx,
        "xls" => SheetTarget.Xls,
        "plan-file" => PlanFileTarget.Instance,
        "indicator-sheet" => IndicatorSheetTarget.Instance,
        _ => throw new InvalidOperationException($"regressions/{format}: no fuzz target has that format."),
    };

    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(Path.GetDirectoryName(file))!, Path.GetFileName(file));
        return data;
    }

    [Theory, MemberData(nameof(Files))]
    public async Task A_kept_input_gets_a_result_or_a_message_and_never_a_half_written_import(string format, string file)
    {
        var target = Target(format);
        var seed = target.SeedOf(file);
        var finding = await new FuzzCampaign(target, ayumi.Factory.Services).CheckAsync(seed, seed.FileName, File.ReadAllBytes(Path.Combine(Folder, format, file)));
        Assert.True(finding is null, finding);
    }
}

public class SqliteFuzzRegressionTests(SqliteAyumi ayumi) : FuzzRegressionTests(ayumi), IClassFixture<SqliteAyumi>;

public class PostgresFuzzRegressionTests(PostgresAyumi ayumi) : FuzzRegressionTests(ayumi), IClassFixture<PostgresAyumi>;
