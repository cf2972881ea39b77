using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ayumi.Data;

/// <summary>Which database Ayumi talks to: <c>Ayumi:Database:Provider</c> and <c>ConnectionStrings:Ayumi</c>.</summary>
public sealed record DatabaseSettings(string Provider, string ConnectionString)
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var provider = (configuration["Ayumi:Database:Provider"] ?? Sqlite).Trim().ToLowerInvariant();
        var connectionString = configuration.GetConnectionString("Ayumi");
        return provider switch
        {
            Sqlite => new(Sqlite, string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite(configuration) : connectionString),
            Postgres => new(Postgres, string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException("Ayumi:Database:Provider is postgres but ConnectionStrings:Ayumi is not set.")
                : WithPreparedStatements(connectionString)),
            _ => throw new InvalidOperationException($"Ayumi:Database:Provider must be '{Sqlite}' or '{Postgres}', not '{provider}'."),
        };
    }

    /// <summary>
    /// Lets PostgreSQL keep the plans of Ayumi's frequent statements instead of planning each
    /// one on every request (2.4–2.9× the save throughput in bench/load-saves.sh), unless the
    /// connection string says otherwise.
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare")) builder.MaxAutoPrepare = 50;
        if (!given.ContainsKey("No Reset On Close")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    private static string DefaultSqlite(IConfiguration configuration)
    {
        var folder = Hosting.HostingConventions.DataFolder(configuration);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "ayumi.db")}";
    }
}

public static class DatabaseServices
{
    /// <summary>
    /// Registers <see cref="AyumiDbContext"/> for the configured provider. The settings are read
    /// when first needed, after every configuration source (including a test host's) is in place.
    /// </summary>
    /// <remarks>
    /// The contexts are pooled: a request rents one (the options, the model's services and the
    /// change tracker are built once per pooled context instead of once per request) and returns
    /// it when its scope ends. The audit interceptor is therefore one for all, and the scope
    /// tells the rented context who is acting.
    /// </remarks>
    public static IServiceCollection AddAyumiDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IAuditActor, SystemAuditActor>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<Features.Search.SearchIndexInterceptor>();
        services.AddPooledDbContextFactory<SqliteAyumiDbContext>((sp, o) => o
            .UseSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<Features.Search.SearchIndexInterceptor>(), sp.GetRequiredService<AuditInterceptor>())
            // Both describe how the shipped migrations rebuild SQLite tables (outside a transaction, with data moved by SQL),
            // which the migration tests cover and an administrator cannot change: information, not a warning at every new database.
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information),
                (SqliteEventId.TableRebuildPendingWarning, LogLevel.Information))));
        services.AddPooledDbContextFactory<PostgresAyumiDbContext>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<DatabaseSettings>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<Features.Search.SearchIndexInterceptor>(), sp.GetRequiredService<AuditInterceptor>()));
        services.AddScoped<AyumiDbContext>(sp =>
        {
            AyumiDbContext db = sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseSettings.Postgres
                ? sp.GetRequiredService<IDbContextFactory<PostgresAyumiDbContext>>().CreateDbContext()
                : sp.GetRequiredService<IDbContextFactory<SqliteAyumiDbContext>>().CreateDbContext();
            db.StartUse(sp.GetRequiredService<IAuditActor>());
            return db;
        });
        return services;
    }
}

/// <summary>The actor for work done outside a web request: the command line and the demo load.</summary>
public sealed class SystemAuditActor : IAuditActor
{
    public static SystemAuditActor Instance { get; } = new();

    public (string? UserId, string Name) Current => (null, "system");
}

// Design-time factories for `dotnet ef migrations add`; each provider keeps its own migrations folder.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAyumiDbContext>
{
    public SqliteAyumiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAyumiDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAyumiDbContext>
{
    public PostgresAyumiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAyumiDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
