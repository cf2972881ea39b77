using System.Data.Common;
using System.IO.Compression;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Ayumi.Tests.Data;

/// <summary>
/// A database made by release 1.0.0 and holding data (the five demo plans and an administrator, made with
/// that release: Data/Upgrade/README.md) is upgraded to the current schema with nothing lost, and serves.
/// </summary>
public sealed class UpgradeTests
{
    private const string ReleaseMigration = "V1_0_0";

    private static Stream Fixture(string file) =>
        new GZipStream(File.OpenRead(TestPaths.InRepository("tests", "Ayumi.Tests", "Data", "Upgrade", file)), CompressionMode.Decompress);

    [Fact]
    public async Task A_SQLite_database_of_release_1_0_0_is_upgraded_to_the_current_schema_with_every_row_kept()
    {
        var database = TestDatabase.Sqlite();
        await using (var file = File.Create(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource))
        await using (var fixture = Fixture("v1.0.0.sqlite.db.gz"))
            await fixture.CopyToAsync(file);
        await using var connection = new SqliteConnection(database.ConnectionString);
        var before = await RowCountsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
        var budgets = await StoredBudgetsAsync(connection);

        await AssertUpgradedAsync(database, before, budgets);
    }

    [Fact]
    public async Task A_PostgreSQL_database_of_release_1_0_0_is_upgraded_to_the_current_schema_with_every_row_kept()
    {
        var database = await TestDatabase.PostgresAsync();
        await using (var db = new PostgresAyumiDbContext(new DbContextOptionsBuilder<PostgresAyumiDbContext>().UseNpgsql(database.ConnectionString).Options))
            await db.GetService<IMigrator>().MigrateAsync(ReleaseMigration);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        using (var reader = new StreamReader(Fixture("v1.0.0.postgres.sql.gz")))
        {
            // pg_dump's own meta-commands (\restrict) are for psql; the rest is SQL.
            // The dump empties the search path for its session; RESET ALL gives the connection back as it was.
            var sql = string.Join('\n', (await reader.ReadToEndAsync()).Split('\n').Where(line => !line.StartsWith('\\'))) + "\nRESET ALL;";
            await using var load = new NpgsqlCommand(sql, connection);
            await load.ExecuteNonQueryAsync();
        }
        var before = await RowCountsAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        var budgets = await StoredBudgetsAsync(connection);
        await connection.CloseAsync();
        NpgsqlConnection.ClearPool(connection);

        await AssertUpgradedAsync(database, before, budgets);
    }

    [Fact]
    public async Task A_database_of_a_development_build_before_1_0_0_is_refused_with_what_to_do()
    {
        await using var database = TestDatabase.Sqlite();
        var options = new DbContextOptionsBuilder<SqliteAyumiDbContext>().UseSqlite(database.ConnectionString).Options;
        await using var db = new SqliteAyumiDbContext(options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" VALUES ('20261124224200_Initial', '10.0.15')");

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => db.UpgradeSchemaAsync());
        Assert.Contains("20261124224200_Initial", refusal.Message);
        Assert.Contains("export-plan --include-unpublished", refusal.Message);
    }

    private static async Task AssertUpgradedAsync(TestDatabase database, IReadOnlyDictionary<string, long> before, IReadOnlyList<StoredBudget> budgets)
    {
        Assert.True(before["Measures"] > 100 && before["AspNetUsers"] == 1 && before["DataProtectionKeys"] == 1, "the 1.0.0 fixture holds the demo plans, an administrator and a sign-in key");
        await using var factory = new AyumiFactory(database, new Dictionary<string, string> { ["Ayumi:DemoData"] = "false" });
        factory.StartServer();

        var (applied, known, after) = await factory.QueryAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), await RowCountsAsync(db.Database.GetDbConnection(), before.Keys)));
        Assert.Equal(known, applied);
        Assert.Equal(before.Where(t => !t.Key.StartsWith("__EF")), after.Where(t => !t.Key.StartsWith("__EF")));
        // Every stored 当初予算額 and 最終予算額 is now the stated total of the initial and final amount of its budget line, and nothing else is in the lines.
        Assert.Contains(budgets, b => b.Table == "YearlyEntries");
        var lines = await factory.QueryAsync(async db =>
            (await db.YearlyEntries.AsNoTracking().ToListAsync()).Select(e => new StoredBudget("YearlyEntries", e.Id, e.Budget.Stated(BudgetAmount.Initial)?.Value, e.Budget.Stated(BudgetAmount.Final)?.Value, e.Budget.Figures.Count))
                .Concat((await db.EntryParts.AsNoTracking().ToListAsync()).Select(p => new StoredBudget("EntryParts", p.Id, p.Budget.Stated(BudgetAmount.Initial)?.Value, p.Budget.Stated(BudgetAmount.Final)?.Value, p.Budget.Figures.Count)))
                .Where(b => b.Figures > 0).OrderBy(b => b.Table).ThenBy(b => b.Id).ToList());
        Assert.Equal(budgets, lines);

        var administrator = await factory.SignedInAsync("admin@example.jp");
        var ena = await factory.PlanIdAsync("212105");
        var sheet = await administrator.GetAsync($"/plans/{ena}");
        Assert.Contains("恵那市", sheet.Body!.TextContent);
        // The search index, new after 1.0.0, is built for the plans the upgraded database already holds.
        Assert.Contains("\"organisationCode\":\"212105\"", await factory.CreateClient().GetStringAsync("/api/v1/search?q=%E5%8D%94%E5%8A%9B%E9%9B%87%E7%94%A8%E4%B8%BB"));
    }

    /// <summary>A row's budget before the upgrade (its two columns) or after it (its line's stated initial and final totals, and how many figures the line holds).</summary>
    private sealed record StoredBudget(string Table, int Id, long? Initial, long? Final, int Figures);

    private static async Task<List<StoredBudget>> StoredBudgetsAsync(DbConnection connection)
    {
        var budgets = new List<StoredBudget>();
        foreach (var table in new[] { "EntryParts", "YearlyEntries" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"Id\", \"InitialBudget\", \"FinalBudget\" FROM \"{table}\" WHERE \"InitialBudget\" IS NOT NULL OR \"FinalBudget\" IS NOT NULL ORDER BY \"Id\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                long? Read(int i) => reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i));
                var (initial, final) = (Read(1), Read(2));
                budgets.Add(new StoredBudget(table, Convert.ToInt32(reader.GetValue(0)), initial, final, (initial is null ? 0 : 1) + (final is null ? 0 : 1)));
            }
        }
        return budgets;
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(DbConnection connection, string tablesQuery)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = tablesQuery;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        return await RowCountsAsync(connection, tables);
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(DbConnection connection, IEnumerable<string> tables)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables.Order(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        return counts;
    }
}
