using Ayumi.Tests.Web;

namespace Ayumi.Tests.Cli;

/// <summary>The migrate verb on a fresh database of each provider: a quiet log when it succeeds, exit 1 when it cannot.</summary>
public sealed class MigrateTests
{
    private static string[] Args(string provider, string connectionString) =>
        ["migrate", $"--Ayumi:Database:Provider={provider}", $"--ConnectionStrings:Ayumi={connectionString}"];

    private static void AssertQuiet((int ExitCode, string Output) run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        // Outside Development the console log is JSON: no line of it is a warning or an error.
        Assert.DoesNotContain("\"LogLevel\":\"Warning\"", run.Output);
        Assert.DoesNotContain("\"LogLevel\":\"Error\"", run.Output);
        Assert.DoesNotContain("\"LogLevel\":\"Critical\"", run.Output);
        Assert.Contains("The database schema is up to date.", run.Output);
    }

    [Fact]
    public async Task The_first_migrate_of_a_fresh_SQLite_database_logs_no_warning_and_an_unopenable_one_exits_1()
    {
        await using var database = TestDatabase.Sqlite();
        AssertQuiet(await Hosting.BuiltProgram.RunAsync(Args(database.Provider, database.ConnectionString)));
        AssertQuiet(await Hosting.BuiltProgram.RunAsync(Args(database.Provider, database.ConnectionString)));

        var (exit, output) = await Hosting.BuiltProgram.RunAsync(Args(database.Provider, $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "no-folder", "ayumi.db")}"));
        Assert.Equal(1, exit);
        Assert.Contains("error:", output);
    }

    [Fact]
    public async Task The_first_migrate_of_a_fresh_PostgreSQL_database_logs_no_failure_and_an_unreachable_server_exits_1()
    {
        await using var database = await TestDatabase.PostgresAsync();
        AssertQuiet(await Hosting.BuiltProgram.RunAsync(Args(database.Provider, database.ConnectionString)));
        AssertQuiet(await Hosting.BuiltProgram.RunAsync(Args(database.Provider, database.ConnectionString)));

        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Timeout = 3 }.ConnectionString;
        var (exit, output) = await Hosting.BuiltProgram.RunAsync(Args(database.Provider, unreachable));
        Assert.Equal(1, exit);
        Assert.Contains("error:", output);
    }
}
