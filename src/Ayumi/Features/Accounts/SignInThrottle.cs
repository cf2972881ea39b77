using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ayumi.Features.Accounts;

/// <summary>The limits on attempts at credentials (<c>Ayumi:SignIn</c>).</summary>
public sealed class SignInLimits
{
    /// <summary>Posts of credentials (sign-in, setting and changing a password) one client address may make per window.</summary>
    public int PerClientAttempts { get; set; } = 30;
    public double PerClientWindowMinutes { get; set; } = 5;
    /// <summary>Sign-in attempts for one e-mail address, from browsers that have not signed in with it before.</summary>
    public int PerAddressAttempts { get; set; } = 10;
    public double PerAddressWindowMinutes { get; set; } = 15;
    /// <summary>How long a browser is remembered as one its holder signed in with.</summary>
    public double KnownBrowserDays { get; set; } = 180;
}

/// <summary>
/// Sign-in protection, built on ASP.NET Core's rate limiter. There is no account lock-out;
/// instead:
/// <list type="bullet">
/// <item>each client address may post credentials <see cref="SignInLimits.PerClientAttempts"/>
/// times per window, on every page that takes a password (<see cref="Policy"/>, answered with 429);</item>
/// <item>each e-mail address may be tried <see cref="SignInLimits.PerAddressAttempts"/> times per
/// window from browsers that have never signed in with it, whether or not the address exists,
/// against guessing from many clients at once;</item>
/// <item>a browser that has signed in with an address before carries a signed cookie saying so,
/// and is not held back by that address's limit: a stranger who spends it cannot shut the
/// holder out of the browsers they use.</item>
/// </list>
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    /// <summary>The rate-limiting policy of the pages that take a password.</summary>
    public const string Policy = "credentials";

    private const string KnownBrowserCookie = "Ayumi.KnownBrowser";

    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly IDataProtector _protector;
    private readonly SignInLimits _limits;

    public SignInThrottle(IOptions<SignInLimits> limits, IDataProtectionProvider protection)
    {
        _limits = limits.Value;
        _protector = protection.CreateProtector("Ayumi.KnownBrowser");
        _perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _limits.PerAddressAttempts,
            Window = TimeSpan.FromMinutes(_limits.PerAddressWindowMinutes),
            QueueLimit = 0,
        }));
    }

    /// <summary>Whether an attempt to sign in as <paramref name="email"/> may be checked now.</summary>
    public bool MayTry(HttpContext context, string email)
    {
        var address = Normalise(email);
        if (IsKnownBrowser(context, address)) return true;
        using var lease = _perAddress.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    /// <summary>Marks the browser as one that signed in as <paramref name="email"/>.</summary>
    public void RememberBrowser(HttpContext context, string email) =>
        context.Response.Cookies.Append(KnownBrowserCookie, _protector.Protect(Normalise(email)), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(_limits.KnownBrowserDays),
        });

    private bool IsKnownBrowser(HttpContext context, string address)
    {
        if (context.Request.Cookies[KnownBrowserCookie] is not { Length: > 0 } cookie) return false;
        try
        {
            return _protector.Unprotect(cookie) == address;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static string Normalise(string email) => email.Trim().ToUpperInvariant();

    public void Dispose() => _perAddress.Dispose();
}

public static class SignInThrottleServices
{
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        services.AddOptions<SignInLimits>().BindConfiguration("Ayumi:SignIn");
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                return ValueTask.CompletedTask;
            };
            // Only posts count: reading the sign-in form is free.
            o.AddPolicy(SignInThrottle.Policy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var limits = context.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerClientAttempts,
                    Window = TimeSpan.FromMinutes(limits.PerClientWindowMinutes),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }
}
