using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Cli;

/// <summary>The backup and restore verbs on SQLite files: a consistent copy while saves run, and a restore that refuses to overwrite.</summary>
public sealed class BackupTests : IAsyncLifetime
{
    private readonly TestDatabase _source = TestDatabase.Sqlite();
    private readonly TestDatabase _restored = TestDatabase.Sqlite();
    private readonly string _folder = Directory.CreateTempSubdirectory("ayumi-backup-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _restored.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string[] Args(TestDatabase database, params string[] verb) =>
        [.. verb, $"--Ayumi:Database:Provider={database.Provider}", $"--ConnectionStrings:Ayumi={database.ConnectionString}", "--Logging:LogLevel:Default=Warning"];

    /// <summary>Every row of every table, each as one line of its values, sorted: two databases with the same rows give the same lists.</summary>
    private static async Task<SortedDictionary<string, List<string>>> RowsAsync(string connectionString, bool postgres = false)
    {
        await using System.Data.Common.DbConnection connection = postgres ? new Npgsql.NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = postgres
                ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var rows = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
                lines.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            lines.Sort(StringComparer.Ordinal);
            rows[table] = lines;
        }
        return rows;
    }

    private static void AssertSameRows(SortedDictionary<string, List<string>> expected, SortedDictionary<string, List<string>> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (table, rows) in expected) Assert.True(rows.SequenceEqual(actual[table]), $"table {table}: {rows.Count} rows expected, {actual[table].Count} restored, or a row differs");
    }

    [Fact]
    public async Task A_backup_taken_during_a_burst_of_saves_is_consistent_and_restores_row_for_row_into_a_fresh_database()
    {
        Assert.Equal(0, await CommandLine.RunAsync(Args(_source, "load-plan", TestPaths.PlanFile("komae-city.ayumi.json"))));
        await using var app = WebApp.Build(Args(_source));
        // Saves go on until the backup has been taken and a few more have followed it, so that the copy is known to be taken
        // while the database was being written, however long the backup takes on a loaded machine.
        const int mostSaves = 5000;
        var saved = 0;
        using var stop = new CancellationTokenSource();
        var burst = Task.Run(async () =>
        {
            for (var i = 0; i < mostSaves && !stop.IsCancellationRequested; i++)
            {
                // Each save is one transaction: a department and its audit row.
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
                var organisation = await db.Organisations.Include(o => o.Departments).SingleAsync();
                organisation.ResolveDepartment($"試験課{i:D4}");
                await db.SaveChangesAsync();
                Interlocked.Increment(ref saved);
            }
        });
        while (Volatile.Read(ref saved) < 10 && !burst.IsCompleted) await Task.Delay(10);

        var during = Path.Combine(_folder, "during.db");
        Assert.Equal(0, await CommandLine.RunAsync(Args(_source, "backup", "--out", during)));
        var savedWhenTaken = Volatile.Read(ref saved);
        while (Volatile.Read(ref saved) < savedWhenTaken + 5 && !burst.IsCompleted) await Task.Delay(10);
        await stop.CancelAsync();
        await burst;
        var saves = Volatile.Read(ref saved);
        Assert.True(saves > savedWhenTaken, "the backup was taken after the burst had ended; the test did not test anything under writes");

        // The copy is one moment of the database: every department of the burst in it has its audit row, and no more.
        var snapshot = await RowsAsync($"Data Source={during};Pooling=False");
        var departments = snapshot["Departments"].Count(r => r.Contains("試験課"));
        Assert.InRange(departments, 1, saves - 1);
        Assert.Equal(departments, snapshot["AuditEntries"].Count(r => r.Contains("試験課")));

        Assert.Equal(0, await CommandLine.RunAsync(Args(_restored, "restore", during)));
        AssertSameRows(snapshot, await RowsAsync(_restored.ConnectionString));

        // Once the writes have stopped, a backup restored over the first one (--force) holds every row of the source.
        var after = Path.Combine(_folder, "after.db");
        Assert.Equal(0, await CommandLine.RunAsync(Args(_source, "backup", "--out", after)));
        Assert.Equal(0, await CommandLine.RunAsync(Args(_restored, "restore", after, "--force")));
        var source = await RowsAsync(_source.ConnectionString);
        Assert.Equal(saves, source["Departments"].Count(r => r.Contains("試験課")));
        AssertSameRows(source, await RowsAsync(_restored.ConnectionString));
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_holds_data_unless_forced_and_backup_never_overwrites_a_file()
    {
        Assert.Equal(0, await CommandLine.RunAsync(Args(_source, "load-plan", TestPaths.PlanFile("komae-city.ayumi.json"))));
        Assert.Equal(0, await CommandLine.RunAsync(Args(_restored, "load-plan", TestPaths.PlanFile("hyogo-pref.ayumi.json"))));
        var file = Path.Combine(_folder, "komae.db");
        Assert.Equal(0, await CommandLine.RunAsync(Args(_source, "backup", "--out", file)));
        Assert.Equal(1, await CommandLine.RunAsync(Args(_source, "backup", "--out", file)));

        var before = await RowsAsync(_restored.ConnectionString);
        Assert.Equal(1, await CommandLine.RunAsync(Args(_restored, "restore", file)));
        AssertSameRows(before, await RowsAsync(_restored.ConnectionString));

        Assert.Equal(0, await CommandLine.RunAsync(Args(_restored, "restore", file, "--force")));
        AssertSameRows(await RowsAsync(_source.ConnectionString), await RowsAsync(_restored.ConnectionString));

        Assert.Equal(2, await CommandLine.RunAsync(Args(_source, "backup")));
        Assert.Equal(1, await CommandLine.RunAsync(Args(_restored, "restore", Path.Combine(_folder, "missing.db"))));
    }

    private static void AssertExit(int expected, (int ExitCode, string Output) run) => Assert.True(expected == run.ExitCode, $"exit {run.ExitCode}, expected {expected}:\n{run.Output}");

    /// <summary>Run as the built program: pg_dump and pg_restore are separate processes in any case.</summary>
    [Fact]
    public async Task A_PostgreSQL_backup_restores_row_for_row_into_an_empty_database_and_not_over_data()
    {
        await using var source = await TestDatabase.PostgresAsync();
        await using var restored = await TestDatabase.PostgresAsync();
        AssertExit(0, await Hosting.BuiltProgram.RunAsync(Args(source, "load-plan", TestPaths.PlanFile("komae-city.ayumi.json"))));
        var file = Path.Combine(_folder, "komae.dump");
        AssertExit(0, await Hosting.BuiltProgram.RunAsync(Args(source, "backup", "--out", file)));

        AssertExit(0, await Hosting.BuiltProgram.RunAsync(Args(restored, "restore", file)));
        var rows = await RowsAsync(source.ConnectionString, postgres: true);
        Assert.NotEmpty(rows["Measures"]);
        AssertSameRows(rows, await RowsAsync(restored.ConnectionString, postgres: true));

        AssertExit(1, await Hosting.BuiltProgram.RunAsync(Args(restored, "restore", file)));
        AssertExit(0, await Hosting.BuiltProgram.RunAsync(Args(restored, "restore", file, "--force")));
        AssertSameRows(rows, await RowsAsync(restored.ConnectionString, postgres: true));
    }
}
