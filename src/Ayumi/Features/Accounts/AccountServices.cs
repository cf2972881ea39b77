using System.Security.Claims;
using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ayumi.Features.Accounts;

public static class AccountServices
{
    /// <summary>ASP.NET Core Identity with hashed passwords, password rules, lockout and a sign-in cookie.</summary>
    public static IServiceCollection AddAyumiAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddScoped<IAuditActor, SignedInAuditActor>();
        services.AddScoped<CurrentMember>();
        services.AddIdentityCore<AyumiUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AyumiDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "Ayumi.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateSecurityStampWhenDue;
        });
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Identity's security-stamp check, asked only when it would check. Identity's validator
    /// looks the user up only once <see cref="SecurityStampValidatorOptions.ValidationInterval"/>
    /// has passed since the cookie was issued, and does nothing before that; but resolving it
    /// builds the sign-in manager, the user manager and their store on every request. The same
    /// test is made here first, with the same options and clock.
    /// </summary>
    internal static Task ValidateSecurityStampWhenDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private sealed class SignedInAuditActor(IHttpContextAccessor http) : IAuditActor
    {
        public (string? UserId, string Name) Current => http.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? (user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity!.Name ?? "?")
            : (null, http.HttpContext is null ? "system" : "anonymous");
    }
}
