using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Ayumi.Tests.Hosting;

/// <summary>
/// The files in deploy/: a clean machine's <c>docker compose</c> cannot run here, so the compose file is
/// parsed and its parts checked; the systemd unit goes through <c>systemd-analyze verify</c>.
/// </summary>
public sealed class DeploymentFileTests
{
    private static string Deploy(string file) => TestPaths.InRepository("deploy", file);

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public void Compose_runs_Ayumi_on_PostgreSQL_15_with_volumes_health_checks_and_its_configuration_in_the_environment()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Deploy("compose.yaml"))));
        var root = yaml.Documents.Single().RootNode;
        var services = Map(root, "services");
        Assert.Equal(["ayumi", "db"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order());

        var db = Map(services, "db");
        Assert.Equal("postgres:15", Scalar(db, "image"));
        Assert.Contains("pg_isready", string.Join(" ", ((YamlSequenceNode)Map(db, "healthcheck").Children[new YamlScalarNode("test")]).Select(n => n.ToString())));

        var ayumi = Map(services, "ayumi");
        Assert.Equal("service_healthy", Scalar(Map(Map(ayumi, "depends_on"), "db"), "condition"));
        var check = string.Join(" ", ((YamlSequenceNode)Map(ayumi, "healthcheck").Children[new YamlScalarNode("test")]).Select(n => n.ToString()));
        Assert.Contains("/health/ready", check);
        var environment = Map(ayumi, "environment");
        Assert.Equal("postgres", Scalar(environment, "Ayumi__Database__Provider"));
        Assert.StartsWith("Host=db;", Scalar(environment, "ConnectionStrings__Ayumi"));
        Assert.Equal("8080", Scalar(environment, "ASPNETCORE_HTTP_PORTS"));
        Assert.Contains("8080", check);
        Assert.True(File.Exists(Deploy(Scalar(Map(ayumi, "build"), "dockerfile").Replace("deploy/", ""))));

        var volumes = Map(root, "volumes").Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        Assert.Contains("ayumi-db:/var/lib/postgresql/data", ((YamlSequenceNode)((YamlMappingNode)db).Children[new YamlScalarNode("volumes")]).Select(n => n.ToString()));
        Assert.Contains($"ayumi-data:{Scalar(environment, "Ayumi__DataFolder")}", ((YamlSequenceNode)((YamlMappingNode)ayumi).Children[new YamlScalarNode("volumes")]).Select(n => n.ToString()));
        Assert.Equal(["ayumi-data", "ayumi-db"], volumes.Order());
    }

    /// <summary>A fact that is skipped, with the reason shown, where systemd-analyze is not installed.</summary>
    private sealed class SystemdFactAttribute : FactAttribute
    {
        public const string Analyze = "/usr/bin/systemd-analyze";

        public SystemdFactAttribute()
        {
            if (!File.Exists(Analyze)) Skip = $"{Analyze} is not installed (Debian package systemd): deploy/ayumi.service is not verified.";
        }
    }

    [SystemdFact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify()
    {
        // The program is not installed under /opt/ayumi here: verify the unit with ExecStart pointing at a program that exists.
        var unit = Path.Combine(Directory.CreateTempSubdirectory("ayumi-unit-").FullName, "ayumi.service");
        var text = File.ReadAllText(Deploy("ayumi.service"));
        Assert.Contains("ExecStart=/opt/ayumi/Ayumi", text);
        File.WriteAllText(unit, text.Replace("ExecStart=/opt/ayumi/Ayumi", "ExecStart=/bin/true").Replace("WorkingDirectory=/opt/ayumi", "WorkingDirectory=/tmp"));
        try
        {
            var start = new ProcessStartInfo(SystemdFactAttribute.Analyze) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("verify");
            start.ArgumentList.Add(unit);
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(limit.Token);
            // systemd-analyze exits 0 on a directive it cannot parse and only says so on stderr.
            Assert.True(process.ExitCode == 0 && (await errors).Trim().Length == 0, $"exit {process.ExitCode}: {await errors}{await output}");
            foreach (var hardening in new[] { "DynamicUser=yes", "StateDirectory=ayumi", "ProtectSystem=strict", "NoNewPrivileges=yes", "Environment=Ayumi__DataFolder=/var/lib/ayumi" })
                Assert.Contains(hardening, text);
        }
        finally { Directory.Delete(Path.GetDirectoryName(unit)!, recursive: true); }
    }
}
