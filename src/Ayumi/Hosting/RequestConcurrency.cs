using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ayumi.Hosting;

/// <summary>
/// <c>Ayumi:Requests</c>: how many requests Ayumi works on at once (<c>AtOnce</c>) and how many may wait for a turn
/// (<c>Waiting</c>); a request beyond both is answered 429 at once.
/// </summary>
public sealed class RequestLimits
{
    public int AtOnce { get; set; } = 32;
    public int Waiting { get; set; } = 5000;
}

/// <summary>
/// On deadline morning hundreds of people save at the same minute. Served all at once, their requests wanted more
/// database connections than the pool holds, and on a busy server the ones waiting for a connection timed out
/// after 15 s with an error (bench/README.md, section 7). Working on a bounded number at once, below the pool's
/// size, and letting the rest wait in line, oldest first, turns that burst into waiting instead of errors.
/// Health checks never wait: a monitor must see a busy server as alive.
/// </summary>
public static class RequestConcurrency
{
    public static IServiceCollection AddRequestConcurrency(this IServiceCollection services)
    {
        services.AddOptions<RequestLimits>().BindConfiguration("Ayumi:Requests");
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestLimits>>((options, limits) =>
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetConcurrencyLimiter("requests", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = limits.Value.AtOnce,
                        QueueLimit = limits.Value.Waiting,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    })));
        return services;
    }
}
