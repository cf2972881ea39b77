using Ayumi.Data;
using Ayumi.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Ayumi.Tests.Hosting;

/// <summary>Where Ayumi listens, finds its files and keeps its data, as in any ASP.NET Core application.</summary>
public sealed class HostingConventionTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public async Task The_built_program_started_from_another_folder_listens_where_ASPNETCORE_URLS_says_serves_its_styles_and_keeps_its_data_in_the_data_folder()
    {
        var work = Directory.CreateTempSubdirectory("ayumi-elsewhere-").FullName;
        var data = Path.Combine(work, "data-folder");
        try
        {
            await using (var program = BuiltProgram.Start(work, new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:5123",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Ayumi__DataFolder"] = data,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            }))
            {
                using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                var home = await program.WaitForAsync(client, "http://127.0.0.1:5123/", TimeSpan.FromSeconds(90));
                Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
                var css = await client.GetAsync("http://127.0.0.1:5123/css/site.css");
                Assert.Equal(System.Net.HttpStatusCode.OK, css.StatusCode);
                Assert.Contains("--", await css.Content.ReadAsStringAsync());
                // Outside Development the console log is JSON, one object a line, each request's lines with its id.
                var lines = program.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                Assert.NotEmpty(lines);
                var entries = lines.Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
                Assert.Contains(entries, e => (string?)e["Category"] == "Microsoft.AspNetCore.Hosting.Diagnostics"
                    && e["Scopes"]!.AsArray().Any(s => s is System.Text.Json.Nodes.JsonObject o && o["RequestId"] is not null && (string?)o["RequestPath"] == "/css/site.css"));
            }
            Assert.True(File.Exists(Path.Combine(data, "ayumi.db")));
            Assert.Empty(Directory.EnumerateFiles(work, "*.db", SearchOption.TopDirectoryOnly));
            Assert.False(Directory.Exists(Path.Combine(work, "data")));
            // Outside Development, no demo data goes into the new database.
            await using var db = new SqliteAyumiDbContext(new DbContextOptionsBuilder<SqliteAyumiDbContext>()
                .UseSqlite($"Data Source={Path.Combine(data, "ayumi.db")};Pooling=False").Options);
            Assert.Equal(0, await db.Organisations.CountAsync());
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:5123")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:5124")]
    public void An_address_given_in_any_of_the_usual_ways_replaces_the_default(string key, string value)
    {
        Assert.True(HostingConventions.AddressGiven(Settings((key, value))));
        Assert.False(HostingConventions.AddressGiven(Settings()));
    }

    [Fact]
    public void An_absolute_path_or_a_flag_given_to_a_verb_does_not_swallow_the_option_after_it()
    {
        var options = HostingConventions.Options(["/srv/plan.json", "--force", "--Ayumi:Database:Provider=postgres", "--Ayumi:DataFolder", "/srv/ayumi", "--dry-run"]);
        var configuration = new ConfigurationBuilder().AddCommandLine(options.Args!).Build();
        Assert.Equal("postgres", configuration["Ayumi:Database:Provider"]);
        Assert.Equal("/srv/ayumi", configuration["Ayumi:DataFolder"]);
    }

    [Fact]
    public void The_data_folder_defaults_beside_the_program_and_a_relative_one_resolves_against_the_program()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data"), HostingConventions.DataFolder(Settings()));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "var", "ayumi"), HostingConventions.DataFolder(Settings(("Ayumi:DataFolder", "var/ayumi"))));
        Assert.Equal("/srv/ayumi", HostingConventions.DataFolder(Settings(("Ayumi:DataFolder", "/srv/ayumi"))));
        Assert.Equal($"Data Source={Path.Combine("/tmp", "ayumi-conventions", "ayumi.db")}",
            DatabaseSettings.From(Settings(("Ayumi:DataFolder", "/tmp/ayumi-conventions"))).ConnectionString);
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "false", false)]
    public void Demo_data_is_on_in_Development_or_when_asked_for(string environment, string? setting, bool on)
    {
        var settings = setting is null ? Settings() : Settings(("Ayumi:DemoData", setting));
        Assert.Equal(on, HostingConventions.DemoDataOn(settings, new HostingEnvironment { EnvironmentName = environment }));
    }
}
