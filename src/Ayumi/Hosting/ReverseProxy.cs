using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ayumi.Hosting;

/// <summary>
/// What running behind an HTTPS reverse proxy and on several servers needs: the proxy's forwarded
/// headers, trusted only from the configured proxies, HSTS on HTTPS, and sign-in keys kept in the
/// database, which every server of an installation shares, rather than the service account's home.
/// </summary>
public static class ReverseProxy
{
    private const string Section = "Ayumi:ForwardedHeaders";

    public static void AddAyumiReverseProxy(this WebApplicationBuilder builder)
    {
        var (proxies, networks) = Trusted(builder.Configuration);
        if (proxies.Count > 0 || networks.Count > 0)
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // Only the configured proxies are believed: a client cannot claim https or another address itself.
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
                foreach (var network in networks) o.KnownIPNetworks.Add(network);
            });
        // The anti-forgery cookie is never Secure by default, even on HTTPS; the sign-in cookie already follows the request.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>Goes first in the pipeline, so that every later step sees the client's scheme and address.</summary>
    public static void UseAyumiReverseProxy(this WebApplication app)
    {
        var (proxies, networks) = Trusted(app.Configuration);
        if (proxies.Count > 0 || networks.Count > 0) app.UseForwardedHeaders();
        // Sent only on HTTPS requests (and never for localhost), so a plain-HTTP installation is not locked out.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
    }

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Trusted(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return ([.. Values(section.GetSection("KnownProxies")).Select(IPAddress.Parse)],
                [.. Values(section.GetSection("KnownNetworks")).Select(v => System.Net.IPNetwork.Parse(v))]);
    }

    /// <summary>A list as array entries (<c>KnownProxies:0</c>) or as one comma-separated value, as environment variables make easy.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? ""))
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
