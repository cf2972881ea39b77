using System.Security.Claims;
using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.AspNetCore.Identity;

namespace Ayumi.Features.Accounts;

public static class AccountServices
{
    /// <summary>
    /// ASP.NET Core Identity with hashed passwords, password rules and a sign-in cookie that is
    /// checked against the stored account on every request; sign-in protection (<see cref="SignInThrottle"/>).
    /// </summary>
    public static IServiceCollection AddAyumiAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActor, SignedInAuditActor>();
        services.AddScoped<CurrentMember>();
        services.AddScoped<AccountLifecycle>();
        services.AddScoped<PasswordCheck>();
        services.AddScoped<Members.Invitation>();
        services.AddIdentityCore<AyumiUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                // No account lock-out: a stranger who knows an address could use it to shut its holder out.
                // Guessing is limited per client and per address instead (SignInThrottle).
                o.Lockout.AllowedForNewUsers = false;
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
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        services.AddAuthorization();
        services.AddSignInThrottle();
        return services;
    }

    private sealed class SignedInAuditActor(IHttpContextAccessor http) : IAuditActor
    {
        public (string? UserId, string Name) Current => http.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? (user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity!.Name ?? "?")
            : (null, http.HttpContext is null ? "system" : "anonymous");
    }
}
