using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Cli;

/// <summary>
/// <c>import FILE --org CODE</c> for a local government of the national list that Ayumi does not
/// have yet: created with its plan from --period, --scale and --levels, or stopped saying which to give.
/// </summary>
public sealed class ImportNewOrganisationTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ayumi-cli-new-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(TestPaths.Seed("ena-city.txt"), Path.Combine(_folder, "ena-city.txt"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string[] Args(params string[] verb) =>
        [.. verb, "--Ayumi:Database:Provider=sqlite", $"--ConnectionStrings:Ayumi={_database.ConnectionString}", "--Logging:LogLevel:Default=Warning"];

    private SqliteAyumiDbContext Db() => new(new DbContextOptionsBuilder<SqliteAyumiDbContext>().UseSqlite(_database.ConnectionString).Options);

    private static async Task<(int Code, string Error)> RunAsync(string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try { return (await CommandLine.RunAsync(args), error.ToString()); }
        finally { Console.SetError(original); }
    }

    [Fact]
    public async Task Without_the_plan_options_it_stops_and_names_the_ones_to_give()
    {
        var (code, error) = await RunAsync(Args("import", TestPaths.Seed("ena-city.txt"), "--org", "212105"));
        Assert.Equal(2, code);
        Assert.Contains("岐阜県恵那市 (212105) is not in Ayumi yet", error);
        Assert.Contains("--period R6-R10, --scale A-D|circles|S-C|eight|1-5|none, --levels 基本目標,施策", error);

        (code, error) = await RunAsync(Args("import", TestPaths.Seed("ena-city.txt"), "--org", "212105", "--period", "R6-R10"));
        Assert.Equal(2, code);
        Assert.DoesNotContain("--period", error);
        Assert.Contains("--scale", error);

        (code, error) = await RunAsync(Args("import", TestPaths.Seed("ena-city.txt"), "--org", "212105", "--period", "R10-R6", "--scale", "A-D", "--levels", "基本目標"));
        Assert.Equal((2, true), (code, error.Contains("--period 'R10-R6' is not a period")));
        (code, error) = await RunAsync(Args("import", TestPaths.Seed("ena-city.txt"), "--org", "212105", "--period", "R6-R10", "--scale", "ABC", "--levels", "基本目標"));
        Assert.Equal((2, true), (code, error.Contains("--scale 'ABC' is not a ready-made grade scale")));
        (code, error) = await RunAsync(Args("import", TestPaths.Seed("ena-city.txt"), "--org", "219991", "--period", "R6-R10", "--scale", "A-D", "--levels", "基本目標"));
        Assert.Equal((2, true), (code, error.Contains("219991 is not a local government of the national list")));

        await using var db = Db();
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Fact]
    public async Task With_them_the_organisation_and_its_plan_are_created_from_a_path_relative_to_the_caller()
    {
        var dryRun = await RunAsync(["--caller-directory", _folder, .. Args("import", "ena-city.txt", "--org", "212105", "--period", "令和6年度～令和10年度", "--scale", "a-d", "--levels", "具体的な取り組み", "--dry-run")]);
        Assert.Equal(0, dryRun.Code);
        await using (var db = Db()) Assert.Equal(0, await db.Organisations.CountAsync());

        var (code, error) = await RunAsync(["--caller-directory", _folder, .. Args("import", "ena-city.txt", "--org", "212105", "--period", "R6-R10", "--scale", "A-D", "--levels", "具体的な取り組み")]);
        Assert.True(code == 0, error);
        await using var stored = Db();
        var ena = await stored.LoadOrganisationGraphAsync(o => o.Code == LocalGovernmentCode.Parse("212105"));
        Assert.Equal(("恵那市", "えなし", 48371), (ena!.Name, ena.Reading, ena.Population));
        var plan = ena.Plans.Single();
        Assert.Equal(("令和6年度～令和10年度", "具体的な取り組み", "取組"), (plan.PeriodLabel, plan.Levels[0].Name, plan.Levels[1].Name));
        Assert.Equal(ReadyMadeGradeScale.EnaAtoD.Scale.Grades, plan.Grades);
        Assert.Equal(12, plan.Measures.Count);
        Assert.Equal([("A", 9), ("D", 3)], plan.Measures.Select(m => m.Entries.Single(e => e.FiscalYear == new FiscalYear(2024)).Grade!).GroupBy(g => g).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));

        var missing = await RunAsync(["--caller-directory", _folder, .. Args("import", "no-such-sheet.xlsx", "--org", "212105")]);
        Assert.Equal(2, missing.Code);
        Assert.Contains(Path.Combine(_folder, "no-such-sheet.xlsx") + " does not exist", missing.Error);
    }
}
