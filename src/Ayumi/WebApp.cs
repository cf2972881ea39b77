using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ayumi.Features.Api;
using Ayumi.Hosting;
using Ayumi.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Ayumi;

/// <summary>Builds the web application: services, middleware and endpoints.</summary>
public static class WebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(HostingConventions.Options(args));
        HostingConventions.Apply(builder);
        builder.AddAyumiReverseProxy();
        builder.Services.AddAyumiServices(builder.Configuration);
        builder.Services.AddSingleton<Features.Import.ImportUploads>();
        builder.Services.AddRequestConcurrency();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        });
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddOpenApi();
        builder.Services.AddAyumiHealth();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        var app = builder.Build();
        app.UseAyumiReverseProxy();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseAyumiLocalization();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorPages();
        app.MapOpenApi();
        app.MapAyumiApi();
        app.MapAyumiHealth();
        return app;
    }

    /// <summary>
    /// Prepares the database when the web host starts, before it serves requests and before any
    /// other hosted service starts: Data Protection's loads the sign-in keys from the database.
    /// </summary>
    private sealed class DatabaseStartup(IServiceProvider services, IConfiguration configuration) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => services.PrepareDatabaseAsync(configuration);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
