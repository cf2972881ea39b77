using Ayumi.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ayumi.Tests.Web;

/// <summary>A database for one test class: a fresh SQLite file or a fresh PostgreSQL database.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract ValueTask DisposeAsync();

    public static TestDatabase Sqlite() => new SqliteTestDatabase();

    public static async Task<TestDatabase> PostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable("AYUMI_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException("AYUMI_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");
        var database = new PostgresTestDatabase(server, "ayumi_" + Guid.NewGuid().ToString("N")[..12]);
        await database.CreateAsync();
        return database;
    }

    private sealed class SqliteTestDatabase : TestDatabase
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"ayumi-test-{Guid.NewGuid():N}.db");
        public override string Provider => DatabaseSettings.Sqlite;
        public override string ConnectionString => $"Data Source={_path};Pooling=False";

        public override ValueTask DisposeAsync()
        {
            File.Delete(_path);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresTestDatabase(string server, string name) : TestDatabase
    {
        public override string Provider => DatabaseSettings.Postgres;
        public override string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

        public async Task CreateAsync() => await ExecuteOnServerAsync($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0");

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }

        private async Task ExecuteOnServerAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Ayumi hosted in memory against a test database, with the demo data loaded.</summary>
public sealed class AyumiFactory(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The suite signs in many times from one client; tests of the limits set tight ones in their settings.
        builder.UseSetting("Ayumi:SignIn:PerClientAttempts", "100000");
        builder.UseSetting("Ayumi:SignIn:PerAddressAttempts", "100000");
        builder.UseSetting("Ayumi:DemoData", "true");
        // A fixture's own settings come after these defaults, so that one can start from an empty database or set tight limits.
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.UseSetting("Ayumi:Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Ayumi", Database.ConnectionString);
        builder.UseEnvironment("Testing");
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One Ayumi with demo data per test class and provider.</summary>
public abstract class AyumiFixture : IAsyncLifetime
{
    public AyumiFactory Factory { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Settings beyond the database, such as an SMTP server.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Factory = new AyumiFactory(await CreateDatabaseAsync(), Settings);
        Factory.StartServer();
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class SqliteAyumi : AyumiFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresAyumi : AyumiFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
