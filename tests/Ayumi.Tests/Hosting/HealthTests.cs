using System.Net;
using System.Text.Json.Nodes;
using Ayumi.Data;
using Ayumi.Hosting;
using Ayumi.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Ayumi.Tests.Hosting;

/// <summary>The health endpoints, the readiness check against real databases, and the error page's request id, on SQLite and PostgreSQL.</summary>
public abstract class HealthTests(AyumiFixture fixture)
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Live_and_ready_answer_healthy_when_the_database_is_migrated()
    {
        var client = fixture.Factory.CreateClient();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (string)JsonNode.Parse(await live.Content.ReadAsStringAsync())!["status"]!);

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var answer = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string)answer["checks"]!["database"]!["status"]!);
    }

    [Fact]
    public async Task Ready_is_unhealthy_until_the_migrations_are_applied()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = Context(database);
        // An empty database that exists: SQLite creates its file on the first connection.
        await db.Database.OpenConnectionAsync();
        await db.Database.CloseConnectionAsync();

        var before = await new DatabaseReadyCheck(db).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains("migration(s) not applied", before.Description);

        await db.Database.MigrateAsync();
        Assert.Equal(HealthStatus.Healthy, (await new DatabaseReadyCheck(db).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private static AyumiDbContext Context(TestDatabase database) => database.Provider == DatabaseSettings.Postgres
        ? new PostgresAyumiDbContext(new DbContextOptionsBuilder<PostgresAyumiDbContext>().UseNpgsql(database.ConnectionString).Options)
        : new SqliteAyumiDbContext(new DbContextOptionsBuilder<SqliteAyumiDbContext>().UseSqlite(database.ConnectionString).Options);

    [Fact]
    public async Task A_failed_request_shows_its_request_id_and_no_stack_trace_and_the_log_carries_the_same_id()
    {
        var logs = new CapturedLogs();
        await using var failing = fixture.Factory.WithWebHostBuilder(b => b
            .ConfigureLogging(l => l.AddProvider(logs))
            .ConfigureTestServices(s => s.Configure<MvcOptions>(o => o.Filters.Add(new FailOnQuery()))));
        var response = await failing.CreateClient().GetAsync("/?fail=1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        var requestId = System.Text.RegularExpressions.Regex.Match(page, "問い合わせ番号: ([^（<]+)（").Groups[1].Value;
        Assert.NotEmpty(requestId);
        Assert.DoesNotContain(FailOnQuery.Message, page);
        Assert.DoesNotContain("FailOnQuery", page);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Scopes.Contains($"RequestId={requestId}"));
    }

    /// <summary>A filter that throws on <c>?fail=1</c>, standing for any bug in a page.</summary>
    private sealed class FailOnQuery : IPageFilter
    {
        public const string Message = "a deliberate failure with a secret detail";

        public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            // The error page is re-executed with the same query: only the home page fails.
            if (context.HttpContext.Request.Path == "/" && context.HttpContext.Request.Query["fail"] == "1") throw new InvalidOperationException(Message);
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
    }

    /// <summary>Every log entry with the values of its scopes, as the JSON console writes them.</summary>
    private sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public List<(LogLevel Level, List<string> Scopes)> Entries { get; } = [];

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                owner._scopes.ForEachScope((scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs) list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                }, scopes);
                lock (owner.Entries) owner.Entries.Add((logLevel, scopes));
            }
        }
    }
}

public sealed class SqliteHealthTests(SqliteAyumi fixture) : HealthTests(fixture), IClassFixture<SqliteAyumi>
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresHealthTests(PostgresAyumi fixture) : HealthTests(fixture), IClassFixture<PostgresAyumi>
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
