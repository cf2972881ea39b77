using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ayumi.Data;
using Ayumi.Features.Api;
using Ayumi.Features.Accounts;
using Ayumi.Features.Demo;
using Ayumi.Features.Shared;
using Ayumi.Hosting;
using Ayumi.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
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
        builder.Services.AddAyumiDatabase();
        builder.Services.AddScoped<DemoData>();
        builder.Services.AddSingleton(_ => Domain.LocalGovernmentList.Shipped());
        builder.Services.AddScoped<Features.Import.ImportRun>();
        builder.Services.AddScoped<Features.Indicators.IndicatorImport>();
        builder.Services.AddSingleton<Features.Import.ImportUploads>();
        builder.Services.AddSingleton<Features.Import.ImportGate>();
        builder.Services.AddSingleton<Features.Reports.PdfRenderer>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        });
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddAyumiLocalization();
        builder.Services.AddAyumiAccounts();
        builder.Services.AddSingleton<Mailer>();
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
    /// Creates or upgrades the schema and, when demo data is on (<see cref="HostingConventions.DemoDataOn"/>),
    /// loads the five seed documents into a database that holds no organisation.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, IConfiguration configuration, bool loadDemo = true)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        await db.Database.MigrateAsync();
        if (loadDemo && HostingConventions.DemoDataOn(configuration, scope.ServiceProvider.GetRequiredService<IHostEnvironment>()))
            await scope.ServiceProvider.GetRequiredService<DemoData>().LoadIfEmptyAsync(configuration["Ayumi:DemoFolder"] ?? DemoData.DefaultFolder);
        await Features.Organisations.ListedDescriptions.FillAsync(db, scope.ServiceProvider.GetRequiredService<Domain.LocalGovernmentList>());
    }

    /// <summary>Prepares the database when the web host starts, before it serves requests.</summary>
    private sealed class DatabaseStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => services.PrepareDatabaseAsync(configuration);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
