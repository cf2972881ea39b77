using Ayumi.Data;
using Ayumi.Features.Accounts;
using Ayumi.Features.Demo;
using Ayumi.Features.Shared;
using Ayumi.Localization;
using Microsoft.AspNetCore.DataProtection;

namespace Ayumi.Hosting;

/// <summary>
/// The services Ayumi's work needs with or without a web server: the database, the importer, the
/// reports, the accounts and the sign-in keys. The web application (<see cref="WebApp"/>) adds its
/// pages and middleware on top; a command-line verb (<see cref="VerbHost"/>) uses these alone.
/// </summary>
public static class AyumiServices
{
    public static IServiceCollection AddAyumiServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAyumiDatabase();
        services.AddScoped<DemoData>();
        services.AddSingleton(_ => Domain.LocalGovernmentList.Shipped());
        services.AddSingleton(_ => Features.PriorityIssues.NationalPlanSettings.Reference(configuration));
        services.AddSingleton(s => Domain.TagSuggester.Shipped(s.GetRequiredService<Domain.NationalPlanReference>()));
        services.AddScoped<Features.Import.ImportRun>();
        services.AddScoped<Features.Indicators.IndicatorImport>();
        services.AddSingleton<Features.Import.ImportGate>();
        services.AddSingleton<Features.Reports.PdfRenderer>();
        services.AddAyumiLocalization();
        services.AddAyumiAccounts();
        services.AddSingleton<Mailer>();
        // The keys sign people in and make the links that set passwords: a verb that makes such a link uses the server's keys.
        services.AddDataProtection().SetApplicationName("Ayumi").PersistKeysToDbContext<AyumiDbContext>();
        return services;
    }

    /// <summary>
    /// Creates or upgrades the schema and, when demo data is on (<see cref="HostingConventions.DemoDataOn"/>),
    /// loads the five seed documents into a database that holds no organisation.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, IConfiguration configuration, bool loadDemo = true)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        await db.UpgradeSchemaAsync();
        if (loadDemo && HostingConventions.DemoDataOn(configuration, scope.ServiceProvider.GetRequiredService<IHostEnvironment>()))
            await scope.ServiceProvider.GetRequiredService<DemoData>().LoadIfEmptyAsync(configuration["Ayumi:DemoFolder"] ?? DemoData.DefaultFolder);
        await Features.Organisations.ListedDescriptions.FillAsync(db, scope.ServiceProvider.GetRequiredService<Domain.LocalGovernmentList>());
    }
}

/// <summary>
/// The host of a command-line verb: the configuration, logging and <see cref="AyumiServices"/> of the web
/// application, read from the same files, variables and arguments, without Kestrel, pages or middleware.
/// </summary>
public static class VerbHost
{
    /// <param name="args">Configuration arguments only (<c>--Key=value</c>), as <see cref="CommandLine"/> separates them.</param>
    public static IHost Build(string[] args)
    {
        var options = HostingConventions.Options(args);
        // ASP.NET Core's variables (ASPNETCORE_ENVIRONMENT, ASPNETCORE_URLS) count for a verb as they do for the server, below everything else.
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("ASPNETCORE_");
        var given = HostingConventions.Given(args);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = options.Args,
            Configuration = configuration,
            ContentRootPath = given[HostDefaults.ContentRootKey] is { Length: > 0 } root ? root : options.ContentRootPath,
            EnvironmentName = given[HostDefaults.EnvironmentKey],
            ApplicationName = typeof(VerbHost).Assembly.GetName().Name,
        });
        builder.Services.AddAyumiServices(builder.Configuration);
        // The accounts' registrations include the web's authorization, which needs routing to be built: the web host, which
        // registers the same services with routing, validates them all in Development; a verb resolves only what it uses.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions
            { ValidateScopes = builder.Environment.IsDevelopment(), ValidateOnBuild = false }));
        return builder.Build();
    }

    /// <summary>A verb's host with the database's schema brought up to date.</summary>
    public static async Task<IHost> OpenDatabaseAsync(string[] args)
    {
        var host = Build(args);
        try
        {
            await host.Services.PrepareDatabaseAsync(host.Services.GetRequiredService<IConfiguration>(), loadDemo: false);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
