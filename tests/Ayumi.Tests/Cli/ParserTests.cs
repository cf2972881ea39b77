using System.Reflection;
using Ayumi.Hosting;
using Ayumi.Tests.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Cli;

/// <summary>The command line as a command line: help for every verb, a version, exit 2 for wrong arguments, and no web server for a verb.</summary>
public sealed class ParserTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private string[] Args(params string[] verb) =>
        [.. verb, "--Ayumi:Database:Provider=sqlite", $"--ConnectionStrings:Ayumi={_database.ConnectionString}", "--Logging:LogLevel:Default=Warning"];

    [Fact]
    public async Task Help_lists_every_verb_and_each_verb_its_options_without_starting_the_server()
    {
        var (exit, output) = await Hosting.BuiltProgram.RunAsync("--help");
        Assert.Equal(0, exit);
        foreach (var verb in new[] { "serve", "migrate", "load-plan", "export-plan", "import", "export", "create-admin", "disable-user", "enable-user",
                     "reset-password", "remove-membership", "backup", "restore", "migrate-to-postgres" })
            Assert.Contains($"  {verb} ", output);
        Assert.DoesNotContain("Now listening", output);

        (exit, output) = await Hosting.BuiltProgram.RunAsync("export", "--help");
        Assert.Equal(0, exit);
        foreach (var option in new[] { "--org", "--plan", "--year", "--format", "--template", "--out", "--include-unpublished" }) Assert.Contains(option, output);
    }

    [Fact]
    public async Task Version_prints_the_programs_informational_version()
    {
        var (exit, output) = await Hosting.BuiltProgram.RunAsync("--version");
        Assert.Equal(0, exit);
        Assert.Equal(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, output.Trim());
    }

    [Fact]
    public async Task Wrong_arguments_exit_2_with_a_message_naming_the_problem()
    {
        var (exit, output) = await Hosting.BuiltProgram.RunAsync(Args("export", "--org", "212106", "--year", "R6", "--fromat", "csv", "--out", "x.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("212106", output);
        Assert.Contains("--fromat", output);
        Assert.Contains("--format", output);
        Assert.Contains("See 'Ayumi export --help'.", output);
        Assert.DoesNotContain("   at ", output);

        Assert.Equal(2, await CommandLine.RunAsync(Args("export", "--org", "212105", "--year", "next year", "--format", "csv", "--out", "x.csv")));
        Assert.Equal(2, await CommandLine.RunAsync(Args("import", Path.Combine(Path.GetTempPath(), "no-such-sheet.xlsx"), "--org", "212105")));
        Assert.Equal(2, await CommandLine.RunAsync(Args("remove-membership", "--email", "a@example.jp", "--org", "212105", "--role", "mayor")));
        Assert.Equal(2, await CommandLine.RunAsync(Args("backup")));
    }

    [Fact]
    public void A_verbs_host_has_the_services_of_its_work_and_no_web_server_in_any_environment()
    {
        // dotnet run starts the program in Development, where a host checks its registrations as it is built.
        using var development = VerbHost.Build([.. Args(), "--environment=Development"]);
        using var host = VerbHost.Build(Args());
        Assert.Null(host.Services.GetService<IServer>());
        Assert.NotNull(host.Services.GetService<Features.Import.ImportRun>());
        Assert.NotNull(host.Services.GetService<Features.Reports.PdfRenderer>());
        using var scope = host.Services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetService<Microsoft.AspNetCore.Identity.UserManager<Ayumi.Domain.AyumiUser>>());
    }
}
