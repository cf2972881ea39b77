using System.Threading.RateLimiting;
using Ayumi.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ayumi.Tests.Hosting;

/// <summary>Requests beyond Ayumi:Requests:AtOnce wait for a turn, oldest first; health checks never wait.</summary>
public sealed class RequestConcurrencyTests(SqliteAyumi fixture) : IClassFixture<SqliteAyumi>
{
    private static HttpContext Request(string path) => new DefaultHttpContext { Request = { Path = path } };

    [Fact]
    public async Task A_request_beyond_the_limit_waits_for_the_one_before_it_and_a_health_check_does_not()
    {
        await using var server = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Ayumi:Requests:AtOnce", "1"));
        var limiter = server.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;

        using var first = limiter.AttemptAcquire(Request("/plans/1"));
        Assert.True(first.IsAcquired);
        Assert.False(limiter.AttemptAcquire(Request("/my")).IsAcquired);
        using (var health = limiter.AttemptAcquire(Request("/health/ready")))
            Assert.True(health.IsAcquired);

        var waiting = limiter.AcquireAsync(Request("/my")).AsTask();
        Assert.False(waiting.IsCompleted);
        first.Dispose();
        using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(second.IsAcquired);
    }
}
