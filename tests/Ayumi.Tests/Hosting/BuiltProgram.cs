using System.Diagnostics;
using System.Net.Http;

namespace Ayumi.Tests.Hosting;

/// <summary>
/// The built program (src/Ayumi/bin/…/Ayumi.dll) started as its own process, as an administrator
/// would start it, from a folder of the test's choosing; killed when disposed.
/// </summary>
public sealed class BuiltProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private BuiltProgram(Process process) => _process = process;

    /// <summary>The Ayumi.dll built in the same configuration as these tests.</summary>
    public static string Dll
    {
        get
        {
            var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var (framework, configuration) = (testFolder.Name, testFolder.Parent!.Name);
            var dll = TestPaths.InRepository("src", "Ayumi", "bin", configuration, framework, "Ayumi.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Ayumi first.", dll);
        }
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static BuiltProgram Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host's own settings must not leak into the program's.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_") || k.StartsWith("DOTNET_URLS") || k.StartsWith("Ayumi__")).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var program = new BuiltProgram(Process.Start(start)!);
        program._process.OutputDataReceived += (_, e) => program.Append(e.Data);
        program._process.ErrorDataReceived += (_, e) => program.Append(e.Data);
        program._process.BeginOutputReadLine();
        program._process.BeginErrorReadLine();
        return program;
    }

    /// <summary>Runs a verb to its end, at most two minutes, and gives its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        await using var program = Start(Path.GetTempPath(), new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, args);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await program._process.WaitForExitAsync(limit.Token);
        program._process.WaitForExit();
        return (program._process.ExitCode, program.Output);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Waits until <paramref name="url"/> answers, at most <paramref name="limit"/>; fails with the program's output otherwise.</summary>
    public async Task<HttpResponseMessage> WaitForAsync(HttpClient client, string url, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The program exited with {_process.ExitCode}:\n{Output}");
            try { return await client.GetAsync(url); }
            catch (HttpRequestException) { await Task.Delay(250); }
        }
        throw new TimeoutException($"{url} did not answer within {limit}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
