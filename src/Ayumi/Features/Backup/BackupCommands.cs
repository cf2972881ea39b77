using System.CommandLine;
using System.ComponentModel;
using System.Data.Common;
using System.Diagnostics;
using Ayumi.Data;
using Ayumi.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ayumi.Features.Backup;

/// <summary>
/// <c>backup</c> and <c>restore</c>: a consistent copy of the whole database while the server keeps
/// writing (SQLite's <c>VACUUM INTO</c> reads one snapshot; PostgreSQL's <c>pg_dump</c> one
/// transaction), and its restoration into an empty database; and <c>migrate-to-postgres</c>
/// (<see cref="PostgresMove"/>). Exit codes: 0 done, 1 refused or failed,
/// 2 the command was wrong.
/// </summary>
public static class BackupCommands
{
    public static IEnumerable<Command> Commands(VerbContext context)
    {
        var output = VerbOptions.Output(context, "the backup file to write; never overwritten");
        var backup = new Command("backup", "write a consistent copy of the database while Ayumi runs (SQLite: a database file; PostgreSQL: pg_dump's custom format, pg_dump from PATH or Ayumi:Backup:PgDump)") { output };
        backup.SetAction((result, _) => WithSettingsAsync(context, (settings, configuration) => BackupAsync(settings, configuration, result.GetValue(output)!)));
        yield return backup;

        var file = new Argument<string>("FILE") { Description = "the backup file", CustomParser = result => context.FromCaller(result.Tokens.Single().Value) };
        var force = new Option<bool>("--force") { Description = "replace the contents of a database that is not empty" };
        var restore = new Command("restore", "restore a backup into the configured database, which must be empty unless --force; stop Ayumi first") { file, force };
        restore.SetAction((result, _) => WithSettingsAsync(context, (settings, configuration) => RestoreAsync(settings, configuration, result.GetValue(file)!, result.GetValue(force))));
        yield return restore;

        yield return PostgresMove.Command(context);
    }

    /// <summary>Runs a verb with the settings alone: the database is used as it is, its schema untouched.</summary>
    private static async Task<int> WithSettingsAsync(VerbContext context, Func<DatabaseSettings, IConfiguration, Task<int>> verb)
    {
        using var host = VerbHost.Build([.. context.Configuration]);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        return await verb(DatabaseSettings.From(configuration), configuration);
    }

    private static async Task<int> BackupAsync(DatabaseSettings settings, IConfiguration configuration, string file)
    {
        if (File.Exists(file))
        {
            Console.Error.WriteLine($"error: {file} already exists; a backup never overwrites a file.");
            return 1;
        }
        if (settings.Provider == DatabaseSettings.Sqlite)
        {
            await using var connection = new SqliteConnection(settings.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $file";
            command.Parameters.AddWithValue("$file", file);
            await command.ExecuteNonQueryAsync();
        }
        else if (await PostgresToolAsync(configuration, "PgDump", "pg_dump", settings.ConnectionString, ["--format=custom", "--no-owner", "--no-privileges", $"--file={file}"]) is var failed and not 0)
            return failed;
        Console.WriteLine($"Backed up the {settings.Provider} database to {file} ({new FileInfo(file).Length:N0} bytes).");
        return 0;
    }

    private static async Task<int> RestoreAsync(DatabaseSettings settings, IConfiguration configuration, string file, bool force)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"error: {file} does not exist.");
            return 1;
        }
        if (await HoldsDataAsync(settings) is { } table && !force)
        {
            Console.Error.WriteLine($"error: the configured database is not empty (table {table} has rows); restore into an empty database, or give --force to replace its contents.");
            return 1;
        }
        if (settings.Provider == DatabaseSettings.Sqlite)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            await source.OpenAsync();
            await using (var check = source.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check";
                if (await check.ExecuteScalarAsync() as string != "ok")
                {
                    Console.Error.WriteLine($"error: {file} is not an intact SQLite database.");
                    return 1;
                }
            }
            await using var target = new SqliteConnection(settings.ConnectionString);
            await target.OpenAsync();
            // The online backup API replaces every page of the target in one step.
            source.BackupDatabase(target);
        }
        else
        {
            string[] arguments = force ? ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", file] : ["--no-owner", "--no-privileges", "--single-transaction", file];
            if (await PostgresToolAsync(configuration, "PgRestore", "pg_restore", settings.ConnectionString, arguments, database: true) is var failed and not 0)
                return failed;
        }
        Console.WriteLine($"Restored {file} into the {settings.Provider} database, sign-in keys included; start Ayumi.");
        return 0;
    }

    /// <summary>The first table (other than the migration history) that holds a row, or null for an empty database.</summary>
    internal static async Task<string?> HoldsDataAsync(DatabaseSettings settings)
    {
        await using DbConnection connection = settings.Provider == DatabaseSettings.Sqlite
            ? new SqliteConnection(settings.ConnectionString) : new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = settings.Provider == DatabaseSettings.Sqlite
                ? "SELECT '\"' || replace(name, '\"', '\"\"') || '\"' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory'"
                : "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> '__EFMigrationsHistory'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            await using var any = connection.CreateCommand();
            any.CommandText = $"SELECT EXISTS (SELECT 1 FROM {table})";
            if (Convert.ToBoolean(await any.ExecuteScalarAsync())) return table;
        }
        return null;
    }

    /// <summary>Runs pg_dump or pg_restore with the connection's settings in its environment, so that the password is never on a command line.</summary>
    private static async Task<int> PostgresToolAsync(IConfiguration configuration, string setting, string tool, string connectionString, string[] arguments, bool database = false)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(configuration[$"Ayumi:Backup:{setting}"] is { Length: > 0 } path ? path : tool) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (database) start.ArgumentList.Insert(0, $"--dbname={connection.Database}");
        else start.Environment["PGDATABASE"] = connection.Database;
        if (connection.Host is { } host) start.Environment["PGHOST"] = host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (connection.Username is { } user) start.Environment["PGUSER"] = user;
        if (connection.Password is { } password) start.Environment["PGPASSWORD"] = password;
        Process process;
        try { process = Process.Start(start)!; }
        catch (Win32Exception)
        {
            Console.Error.WriteLine($"error: {start.FileName} was not found; install the PostgreSQL client (Debian: postgresql-client, the server's version or later) or set Ayumi:Backup:{setting} to its path.");
            return 1;
        }
        using (process)
        {
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode == 0) return 0;
            Console.Error.WriteLine($"error: {tool} exited with {process.ExitCode}: {errors.Trim()}");
            return 1;
        }
    }
}
