namespace Ayumi.Hosting;

/// <summary>
/// Where Ayumi finds its files and listens, following ASP.NET Core's conventions so that any
/// guide, container or service manager configures it the usual way.
/// </summary>
public static class HostingConventions
{
    /// <summary>Where Ayumi listens when neither <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, <c>--urls</c> nor Kestrel endpoints say.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>
    /// The builder's options: the content root is the program's folder, so that pages, styles and
    /// settings are found wherever the program is started from, unless <c>--contentRoot</c> or
    /// <c>ASPNETCORE_CONTENTROOT</c> sets it.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        args = ConfigurationArguments(args);
        var contentRootGiven = !string.IsNullOrWhiteSpace(Given(args)[WebHostDefaults.ContentRootKey]);
        return new WebApplicationOptions { Args = args, ContentRootPath = contentRootGiven ? null : AppContext.BaseDirectory };
    }

    /// <summary>The host's own settings as ASP.NET Core reads them before anything else: environment variables and arguments.</summary>
    internal static IConfiguration Given(string[] args) =>
        new ConfigurationBuilder().AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(ConfigurationArguments(args)).Build();

    /// <summary>
    /// The arguments that are configuration, without a verb's operands and switches. ASP.NET Core reads <c>/key</c> as a
    /// switch, so an absolute path (<c>load-plan /srv/plan.json</c>) would swallow the option after it, and it takes the
    /// argument after a bare <c>--force</c> as the switch's value, such as <c>--Ayumi:Database:Provider=postgres</c>.
    /// A path that is the value of a <c>--key value</c> pair stays.
    /// </summary>
    internal static string[] ConfigurationArguments(string[] args)
    {
        bool IsBareSwitch(int i) => args[i].StartsWith('-') && !args[i].Contains('=');
        bool IsFlag(int i) => args[i].StartsWith("--") && !args[i].Contains('=') && (i + 1 == args.Length || args[i + 1].StartsWith('-'));
        bool IsPathOperand(int i) => args[i].StartsWith('/') && !(i > 0 && IsBareSwitch(i - 1) && !IsFlag(i - 1));
        return [.. Enumerable.Range(0, args.Length).Where(i => !IsFlag(i) && !IsPathOperand(i)).Select(i => args[i])];
    }

    /// <summary>Whether the configuration says where to listen, in any of the ways ASP.NET Core reads.</summary>
    public static bool AddressGiven(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>
    /// Applies the conventions to a web application being built: the default address only when
    /// none is given, and the styles and scripts of a built (not published) program started from
    /// any folder.
    /// </summary>
    public static void Apply(WebApplicationBuilder builder)
    {
        if (!AddressGiven(builder.Configuration)) builder.WebHost.UseUrls(DefaultUrl);
        // A built program serves wwwroot through the static web assets manifest beside it; a published one has
        // no manifest and serves wwwroot from its own folder, and this does nothing.
        builder.WebHost.UseStaticWebAssets();
    }

    /// <summary>
    /// The folder that holds the SQLite database and the sign-in keys: <c>Ayumi:DataFolder</c>,
    /// relative to the program's folder, <c>data</c> beside the program by default.
    /// </summary>
    public static string DataFolder(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Ayumi:DataFolder"] is { Length: > 0 } folder ? folder : "data", AppContext.BaseDirectory);

    /// <summary>
    /// Whether the five demo plans load into an empty database on start: <c>Ayumi:DemoData</c> when
    /// set (<c>--demo</c> sets it), otherwise only in the Development environment, which is how
    /// <c>dotnet run</c> starts the program.
    /// </summary>
    public static bool DemoDataOn(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Ayumi:DemoData") ?? environment.IsDevelopment();
}
