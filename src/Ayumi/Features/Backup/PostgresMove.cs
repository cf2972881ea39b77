using System.CommandLine;
using Ayumi.Data;
using Ayumi.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ayumi.Features.Backup;

/// <summary>
/// <c>migrate-to-postgres</c>: copies the configured SQLite installation into an empty PostgreSQL database, table by
/// table with their rows' own keys, parents before children, in one transaction; then compares every row of every
/// table. Exit codes: 0 copied and identical, 1 refused, failed or different.
/// </summary>
public static class PostgresMove
{
    public static Command Command(VerbContext context)
    {
        var to = new Option<string>("--to")
        {
            Description = "the empty PostgreSQL database's connection string, e.g. \"Host=db.example.jp;Database=ayumi;Username=ayumi;Password=…\"",
            Required = true,
            HelpName = "CONNECTION",
        };
        to.Validators.Add(result =>
        {
            try { _ = new NpgsqlConnectionStringBuilder(result.GetValueOrDefault<string>()); }
            catch (ArgumentException e) { result.AddError($"--to is not a PostgreSQL connection string: {e.Message}"); }
        });
        var command = new Command("migrate-to-postgres", "copy the configured SQLite database into an empty PostgreSQL database, then compare every row of every table") { to };
        command.SetAction((result, _) => RunAsync(context, result.GetValue(to)!));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string target)
    {
        // The source is brought to this build's schema first, so that both databases have the same tables and columns.
        using var host = await context.OpenDatabaseAsync();
        var settings = host.Services.GetRequiredService<DatabaseSettings>();
        if (settings.Provider != DatabaseSettings.Sqlite)
        {
            Console.Error.WriteLine($"error: migrate-to-postgres copies a SQLite installation, and the configured database is {settings.Provider}.");
            return 1;
        }
        if (await BackupCommands.HoldsDataAsync(new DatabaseSettings(DatabaseSettings.Postgres, target)) is { } table)
        {
            Console.Error.WriteLine($"error: the PostgreSQL database is not empty (table {table} has rows); migrate-to-postgres copies only into an empty database.");
            return 1;
        }
        await using (var schema = new PostgresAyumiDbContext(new DbContextOptionsBuilder<PostgresAyumiDbContext>().UseNpgsql(target).Options))
            await schema.UpgradeSchemaAsync();

        await using var sqlite = new SqliteConnection(settings.ConnectionString);
        await sqlite.OpenAsync();
        await using var postgres = new NpgsqlConnection(target);
        await postgres.OpenAsync();
        var tables = await PostgresTable.ReadAllAsync(postgres);
        if (await SqliteTablesAsync(sqlite) is var sourceTables && !sourceTables.SetEquals(tables.Select(t => t.Name)))
        {
            Console.Error.WriteLine($"error: the databases' tables differ (SQLite: {string.Join(", ", sourceTables.Order())}; PostgreSQL: {string.Join(", ", tables.Select(t => t.Name).Order())}).");
            return 1;
        }
        await using (var transaction = await postgres.BeginTransactionAsync())
        {
            foreach (var t in tables)
            {
                var rows = await t.ReadAsync(sqlite);
                await t.InsertAsync(postgres, rows);
                Console.WriteLine($"Copied {rows.Count:N0} row(s) of {t.Name}.");
            }
            foreach (var t in tables) await t.ResetIdentityAsync(postgres);
            await transaction.CommitAsync();
        }

        var (rowCount, different) = (0, 0);
        foreach (var t in tables)
        {
            var (source, copy) = (await t.CanonicalRowsAsync(sqlite), await t.CanonicalRowsAsync(postgres));
            rowCount += source.Count;
            var missing = source.Except(copy).Count();
            var extra = copy.Except(source).Count();
            if (source.Count == copy.Count && missing == 0 && extra == 0) continue;
            different++;
            Console.Error.WriteLine($"error: {t.Name}: {source.Count:N0} row(s) in SQLite, {copy.Count:N0} in PostgreSQL; {missing:N0} not copied as they were, {extra:N0} not in SQLite.");
        }
        if (different > 0)
        {
            Console.Error.WriteLine($"error: {different} of {tables.Count} tables differ after the copy; keep using the SQLite database.");
            return 1;
        }
        await using (var index = await postgres.BeginTransactionAsync())
        {
            Console.WriteLine($"Indexed {await Search.SearchIndex.RebuildAsync(postgres, index, CancellationToken.None):N0} search document(s).");
            await index.CommitAsync();
        }
        Console.WriteLine($"Compared {tables.Count} tables row by row: PostgreSQL holds the same {rowCount:N0} rows as SQLite, sign-in keys included.");
        Console.WriteLine("Now set Ayumi:Database:Provider to postgres and ConnectionStrings:Ayumi to the new database, and start Ayumi.");
        return 0;
    }

    private static async Task<HashSet<string>> SqliteTablesAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        // EF Core's own tables (the migration history, and SQLite's migration lock) are made by each database's migrations.
        // The search index is remade from the copied plans, not copied (an FTS5 table has no PostgreSQL counterpart).
        command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\' AND name NOT LIKE '{Search.SearchIndex.TablePrefix}%'";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
