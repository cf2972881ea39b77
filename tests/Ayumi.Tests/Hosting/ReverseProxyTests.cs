using System.Net;
using Ayumi.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Ayumi.Tests.Hosting;

/// <summary>Behind an HTTPS reverse proxy: the forwarded scheme is believed from the configured proxy only; on SQLite and PostgreSQL.</summary>
public abstract class ReverseProxyTests(AyumiFixture fixture)
{
    private const string Proxy = "10.1.2.3";

    private static async Task<HttpContext> GetLoginThroughAsync(TestServer server, string from) =>
        await server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/account/login";
            c.Request.Host = new HostString("ayumi.example.jp");
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
        });

    [Fact]
    public async Task A_request_forwarded_as_https_by_the_configured_proxy_gets_secure_cookies_and_HSTS_and_one_from_elsewhere_does_not()
    {
        await using var proxied = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Ayumi:ForwardedHeaders:KnownProxies", $"192.0.2.1, {Proxy}"));
        var server = proxied.Server;

        var throughProxy = await GetLoginThroughAsync(server, Proxy);
        Assert.Equal(StatusCodes.Status200OK, throughProxy.Response.StatusCode);
        Assert.True(throughProxy.Request.IsHttps);
        Assert.Equal("203.0.113.7", throughProxy.Connection.RemoteIpAddress!.ToString());
        Assert.StartsWith("max-age=", throughProxy.Response.Headers.StrictTransportSecurity.ToString());
        var cookies = throughProxy.Response.Headers.SetCookie.ToArray();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        var spoofed = await GetLoginThroughAsync(server, "198.51.100.9");
        Assert.False(spoofed.Request.IsHttps);
        Assert.Equal("198.51.100.9", spoofed.Connection.RemoteIpAddress!.ToString());
        Assert.Empty(spoofed.Response.Headers.StrictTransportSecurity.ToString());
        Assert.All(spoofed.Response.Headers.SetCookie.ToArray(), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Without_configured_proxies_forwarded_headers_are_ignored()
    {
        var direct = await GetLoginThroughAsync(fixture.Factory.Server, Proxy);
        Assert.False(direct.Request.IsHttps);
        Assert.Equal(Proxy, direct.Connection.RemoteIpAddress!.ToString());
    }
}

public sealed class SqliteReverseProxyTests(SqliteAyumi fixture) : ReverseProxyTests(fixture), IClassFixture<SqliteAyumi>;

public sealed class PostgresReverseProxyTests(PostgresAyumi fixture) : ReverseProxyTests(fixture), IClassFixture<PostgresAyumi>;
