using System.Text.Json;
using Ayumi.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ayumi.Hosting;

/// <summary>
/// <c>/health/live</c> answers while the process serves requests; <c>/health/ready</c> also asks
/// the database, so that a load balancer or container runtime sends users only to an instance
/// whose database is reachable and whose schema is up to date.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddAyumiHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [Ready]);
        return services;
    }

    public static void MapAyumiHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
    }

    /// <summary>The overall status and each check's status and description; never an exception's text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

/// <summary>The database answers and every migration of this build has been applied.</summary>
public sealed class DatabaseReadyCheck(AyumiDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("The database cannot be reached.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database is reachable and its schema is up to date.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied, the first {pending[0]}: run the migrate verb or restart Ayumi.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The exception goes to the log through the health check service; the answer says only what failed.
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
