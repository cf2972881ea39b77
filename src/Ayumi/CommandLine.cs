using System.CommandLine;
using System.CommandLine.Invocation;
using System.Data.Common;
using Ayumi.Domain;
using Ayumi.Features.Demo;
using Ayumi.Hosting;

namespace Ayumi;

/// <summary>
/// Ayumi's verbs: <c>serve</c> (the default) runs the web application; the others work on the configured database with
/// only the services they need (<see cref="VerbHost"/>) and exit. Exit codes: 0 done, 1 refused or failed, 2 the
/// arguments were wrong. Arguments of the form <c>--Key=value</c> (and ASP.NET Core's <c>--urls</c>, <c>--environment</c>,
/// <c>--contentRoot</c>) are settings, passed to the host as ASP.NET Core reads them.
/// </summary>
public static class CommandLine
{
    private const string Description = """
        Ayumi 歩み: a local government's recidivism-prevention plan, year after year. Without a verb, Ayumi serves the web application.

        Settings: Ayumi:Database:Provider (sqlite|postgres), ConnectionStrings:Ayumi, Ayumi:DataFolder, Ayumi:DemoData (true|false),
        Ayumi:Chromium, ASPNETCORE_URLS or --urls; in appsettings.json, as environment variables (Ayumi__DataFolder) or as
        --Key=value arguments (--Ayumi:DataFolder=/srv/ayumi). Relative paths are relative to the folder Ayumi is called from.
        """;

    /// <summary>
    /// Names the folder the program was called from, against which relative paths are resolved:
    /// dotnet run starts Ayumi in its project folder and passes the caller's folder with it
    /// (Ayumi.csproj); the built program runs where it is called, and needs no such option.
    /// </summary>
    private const string CallerDirectoryOption = "--caller-directory";

    /// <summary>ASP.NET Core's own arguments that may take their value as the next argument (<c>--urls http://…</c>).</summary>
    private static readonly string[] HostArguments = ["--urls", "--environment", "--contentRoot", "--applicationName", "--webroot"];

    public static async Task<int> RunAsync(string[] args)
    {
        var caller = Environment.CurrentDirectory;
        if (args.Length >= 2 && args[0] == CallerDirectoryOption)
        {
            caller = args[1];
            args = args[2..];
        }
        var settings = new List<string>();
        var root = Root(new VerbContext(caller, settings));
        var (verbArguments, settingArguments) = Split(args, OptionNames(root));
        settings.AddRange(settingArguments);
        var parsed = root.Parse(verbArguments);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
            var verb = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
            Console.Error.WriteLine($"See 'Ayumi {verb}--help'.");
            return 2;
        }
        try
        {
            // Exceptions reach the caller: the test host stops the application it has built by throwing from it.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is Features.PlanFiles.SeedFormatException or DomainException or DbException or Features.Reports.PdfUnavailableException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static RootCommand Root(VerbContext context)
    {
        var demo = new Option<bool>("--demo") { Description = "load the five demo plans into a database that holds no organisation" };
        var root = new RootCommand(Description) { demo };
        var serve = new Command("serve", "run the web application (the default)") { demo };
        root.SetAction((result, _) => ServeAsync(context, result.GetValue(demo)));
        serve.SetAction((result, _) => ServeAsync(context, result.GetValue(demo)));
        var migrate = new Command("migrate", "create or upgrade the database schema");
        migrate.SetAction((_, _) => MigrateAsync(context));
        root.Subcommands.Add(serve);
        root.Subcommands.Add(migrate);
        foreach (var verb in Features.PlanFiles.PlanFileCommands.Commands(context)) root.Subcommands.Add(verb);
        root.Subcommands.Add(Features.Import.ImportCommand.Command(context));
        root.Subcommands.Add(Features.Reports.ExportCommand.Command(context));
        foreach (var verb in Features.Accounts.AccountCommands.Commands(context)) root.Subcommands.Add(verb);
        foreach (var verb in Features.Backup.BackupCommands.Commands(context)) root.Subcommands.Add(verb);
        root.Subcommands.Add(Features.Search.SearchCommand.Command(context));
        return root;
    }

    private static async Task<int> ServeAsync(VerbContext context, bool demo)
    {
        // --demo is the README's first command's switch; as a setting it overrides Ayumi:DemoData.
        await WebApp.Build([.. context.Configuration, .. demo ? ["--Ayumi:DemoData=true"] : Array.Empty<string>()]).RunAsync();
        return 0;
    }

    private static async Task<int> MigrateAsync(VerbContext context)
    {
        try
        {
            using var host = await context.OpenDatabaseAsync();
        }
        catch (InvalidOperationException e)
        {
            // The settings name no usable database, or the schema cannot be brought to this build's.
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        Console.WriteLine("The database schema is up to date.");
        return 0;
    }

    /// <summary>
    /// Separates the settings from the verb's own arguments: <c>--Key=value</c> unless Key is one of the verb options
    /// (<c>--org=212105</c>), <c>--Section:Key value</c>, and ASP.NET Core's <see cref="HostArguments"/> with their value.
    /// </summary>
    private static (string[] Verb, string[] Settings) Split(string[] args, IReadOnlySet<string> optionNames)
    {
        var (verb, settings) = (new List<string>(), new List<string>());
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].Split('=', 2)[0];
            var isSetting = args[i].StartsWith("--") && !optionNames.Contains(name) && (args[i].Contains('=') || name.Contains(':') || HostArguments.Contains(name, StringComparer.OrdinalIgnoreCase));
            if (!isSetting)
                verb.Add(args[i]);
            else if (args[i].Contains('=') || i + 1 == args.Length)
                settings.Add(args[i]);
            else
                settings.AddRange([args[i], args[++i]]);
        }
        return ([.. verb], [.. settings]);
    }

    private static HashSet<string> OptionNames(Command command)
    {
        var names = new HashSet<string>(command.Options.SelectMany(o => o.Aliases.Append(o.Name)));
        foreach (var subcommand in command.Subcommands) names.UnionWith(OptionNames(subcommand));
        return names;
    }
}
