using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ayumi.LoadTest;

public sealed record RunSettings(
    string ConnectionString,
    Uri Target,
    string UsersFile,
    int Users,
    int BaselinePort,
    TimeSpan Warmup,
    TimeSpan MaxWarmup,
    TimeSpan BaselineWarmup,
    TimeSpan Duration,
    TimeSpan Think,
    int ServerPid,
    int PostgresPid,
    int BaselinePool,
    bool SkipBaseline);

/// <summary>The result of one closed-loop phase, over the requests started in the measured window.</summary>
public sealed record PhaseResult(
    string Name,
    int Users,
    TimeSpan Duration,
    double[] SortedLatencies,
    IReadOnlyDictionary<string, int> Failures,
    CpuUse Cpu,
    int VersionMismatches,
    IReadOnlyList<StatementRow>? Statements,
    int Completed,
    int CompletedSaved,
    string WarmupNote,
    IReadOnlyDictionary<string, int> WarmupFailures)
{
    /// <summary>Requests started in the measured window (the latency sample).</summary>
    public int Requests => SortedLatencies.Length;
    public int FailureCount => Failures.Values.Sum();
    /// <summary>Requests completed in the measured window, per second.</summary>
    public double Throughput => Completed / Duration.TotalSeconds;
    public double SuccessThroughput => CompletedSaved / Duration.TotalSeconds;

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p) =>
        SortedLatencies.Length == 0 ? double.NaN : SortedLatencies[Math.Clamp((int)Math.Ceiling(p / 100 * SortedLatencies.Length) - 1, 0, SortedLatencies.Length - 1)];

    public double Mean => SortedLatencies.Length == 0 ? double.NaN : SortedLatencies.Average();
}

public static class LoadRun
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private const double TargetP95Milliseconds = 200;

    public static async Task<int> RunAsync(RunSettings s)
    {
        if (s.Users < 1) throw new UsageException("--users must be at least 1.");
        if (s.Duration <= TimeSpan.Zero || s.Duration > TimeSpan.FromMinutes(5)) throw new UsageException("--duration must be between 1 and 300 seconds.");
        if (s.Warmup > s.MaxWarmup || s.MaxWarmup > TimeSpan.FromMinutes(3) || s.BaselineWarmup > TimeSpan.FromMinutes(1))
            throw new UsageException("--warmup must be at most --max-warmup, which is at most 180 s; --baseline-warmup at most 60 s.");
        if (!IPAddress.TryParse(s.Target.Host, out var address) || !IPAddress.IsLoopback(address))
            throw new UsageException($"--target must be a loopback address such as http://127.0.0.1:5445, not {s.Target}.");

        var assignments = File.ReadAllLines(s.UsersFile)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(f => (Email: f[0], PartId: int.Parse(f[1], CultureInfo.InvariantCulture)))
            .ToList();
        if (assignments.Count < s.Users) throw new UsageException($"{s.UsersFile} names {assignments.Count} users; {s.Users} are needed.");
        if (assignments.Take(s.Users).Select(a => a.PartId).Distinct().Count() != s.Users)
            throw new InvalidOperationException("Two virtual users share a part; they would conflict with each other.");

        var users = assignments.Take(s.Users).Select((a, i) => new VirtualUser(i, a.Email, a.PartId, s.Target, RequestTimeout)).ToList();
        var probe = new CpuProbe(s.ServerPid, s.PostgresPid);
        await using var db = NpgsqlDataSource.Create(s.ConnectionString);
        var statements = await StatementStats.TryCreateAsync(db);

        var clock = Stopwatch.StartNew();
        Console.WriteLine($"run: signing in {users.Count} users at {s.Target} …");
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (u, ct) => await u.SignInAsync(Prepare.Password, ct));
        Console.WriteLine($"run: {users.Count} users signed in and read their forms ({clock.Elapsed.TotalSeconds:F1} s)");

        var results = new List<PhaseResult>();
        var ayumi = await RunPhaseAsync($"Ayumi save: POST /entries/{{id}}?handler=Save", users, (u, ct) => u.SaveAsync(ct), s, s.Warmup, s.ServerPid > 0, probe, db, statements);
        results.Add(ayumi);
        Console.WriteLine($"run: Ayumi phase done ({clock.Elapsed.TotalSeconds:F1} s)");

        if (!s.SkipBaseline)
        {
            await using var baseline = await Baseline.StartAsync(s.ConnectionString, s.BaselinePort, s.BaselinePool);
            var baseUri = new Uri($"http://127.0.0.1:{s.BaselinePort}/");
            foreach (var u in users) u.ResetRecords();
            var minimal = await RunPhaseAsync("baseline: POST /save/{id}, one UPDATE through Npgsql", users, (u, ct) => u.SaveBaselineAsync(baseUri, ct), s, s.BaselineWarmup, false, probe, db, statements);
            results.Add(minimal);
            Console.WriteLine($"run: baseline phase done ({clock.Elapsed.TotalSeconds:F1} s)");
            await baseline.StopAsync();
        }
        foreach (var u in users) u.Dispose();

        Console.WriteLine();
        Console.WriteLine(Report(s, results));
        return 0;
    }

    /// <summary>
    /// Runs the closed loop: every user saves, waits for the answer (and the think time) and
    /// saves again. The first <paramref name="warmup"/> is not measured; with
    /// <paramref name="waitForJit"/> the warm-up goes on, up to <see cref="RunSettings.MaxWarmup"/>,
    /// until the server's tiered-compilation thread has used less than 5 % of a core for 5 s,
    /// so that the window measures the steady state and not the JIT's ramp.
    /// </summary>
    private static async Task<PhaseResult> RunPhaseAsync(
        string name,
        IReadOnlyList<VirtualUser> users,
        Func<VirtualUser, CancellationToken, Task<(double Milliseconds, Outcome Outcome, string? Detail)>> save,
        RunSettings s,
        TimeSpan warmup,
        bool waitForJit,
        CpuProbe probe,
        NpgsqlDataSource db,
        StatementStats? statements)
    {
        Console.WriteLine($"run: {name}: {users.Count} virtual users, warm-up {warmup.TotalSeconds:F0} s{(waitForJit ? $" or more (up to {s.MaxWarmup.TotalSeconds:F0} s) until the server's JIT is quiet" : "")}, {s.Duration.TotalSeconds:F0} s measured, think time {s.Think.TotalMilliseconds:F0} ms");
        var start = Stopwatch.GetTimestamp();
        var measureFrom = long.MaxValue;
        var end = long.MaxValue;
        using var abort = new CancellationTokenSource(s.MaxWarmup + s.Duration + RequestTimeout + TimeSpan.FromSeconds(30));
        var completed = 0;
        var completedSaved = 0;
        var loops = users.Select(u => Task.Run(async () =>
        {
            // With a think time, users start at random moments within one think time and think for
            // 0.5–1.5 times it, so that they do not arrive in lock-step bursts.
            var random = new Random(u.Index);
            if (s.Think > TimeSpan.Zero) await Task.Delay(s.Think * random.NextDouble(), abort.Token);
            while (true)
            {
                var began = Stopwatch.GetTimestamp();
                if (began >= Volatile.Read(ref end) || abort.IsCancellationRequested) break;
                var (ms, outcome, detail) = await save(u, abort.Token);
                if (began >= Volatile.Read(ref measureFrom)) u.Record(ms, outcome, detail);
                else u.RecordWarmup(outcome, detail);
                var finished = Stopwatch.GetTimestamp();
                if (finished >= Volatile.Read(ref measureFrom) && finished < Volatile.Read(ref end))
                {
                    Interlocked.Increment(ref completed);
                    if (outcome == Outcome.Saved) Interlocked.Increment(ref completedSaved);
                }
                if (s.Think > TimeSpan.Zero) await Task.Delay(s.Think * (0.5 + random.NextDouble()), abort.Token);
            }
        })).ToList();

        await Task.Delay(warmup);
        var jitNote = "";
        if (waitForJit)
        {
            var jitPerSecond = double.NaN;
            while (Stopwatch.GetElapsedTime(start) < s.MaxWarmup)
            {
                var r0 = probe.Take();
                await Task.Delay(TimeSpan.FromSeconds(5));
                jitPerSecond = CpuProbe.Between(r0, probe.Take()).ServerJit / 5;
                if (jitPerSecond < 0.05) break;
            }
            jitNote = $", server JIT thread at {jitPerSecond * 100:F0} % of a core when measuring began";
        }
        var warmedFor = Stopwatch.GetElapsedTime(start);
        if (statements is not null) await statements.ResetAsync();
        var before = probe.Take();
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref end, now + (long)(s.Duration.TotalSeconds * Stopwatch.Frequency));
        Volatile.Write(ref measureFrom, now);
        Console.WriteLine($"run:   measuring from {warmedFor.TotalSeconds:F0} s{jitNote}");
        await Task.Delay(s.Duration);
        var after = probe.Take();
        var executed = statements is null ? null : await statements.SnapshotAsync();
        await Task.WhenAll(loops);

        var latencies = users.SelectMany(u => u.Latencies).ToArray();
        Array.Sort(latencies);
        var failures = new Dictionary<string, int>();
        foreach (var (key, count) in users.SelectMany(u => u.Failures)) failures[key] = failures.GetValueOrDefault(key) + count;
        var warmupFailures = new Dictionary<string, int>();
        foreach (var (key, count) in users.SelectMany(u => u.WarmupFailures)) warmupFailures[key] = warmupFailures.GetValueOrDefault(key) + count;
        var mismatches = await CheckVersionsAsync(db, users);
        return new PhaseResult(name, users.Count, s.Duration, latencies, failures, CpuProbe.Between(before, after), mismatches, executed, completed, completedSaved,
            $"warm-up {warmedFor.TotalSeconds:F0} s{jitNote}", warmupFailures);
    }

    /// <summary>Every user's idea of its part's version must equal the stored one: no lost or double saves.</summary>
    private static async Task<int> CheckVersionsAsync(NpgsqlDataSource db, IReadOnlyList<VirtualUser> users)
    {
        await using var command = db.CreateCommand("""SELECT "Id", "Version" FROM "EntryParts" WHERE "Id" = ANY($1)""");
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = users.Select(u => u.PartId).ToArray() });
        var stored = new Dictionary<int, int>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored[reader.GetInt32(0)] = reader.GetInt32(1);
        return users.Count(u => stored.GetValueOrDefault(u.PartId, -1) != u.Version);
    }

    private static string Report(RunSettings s, IReadOnlyList<PhaseResult> results)
    {
        var text = new StringBuilder();
        var ayumi = results[0];
        var baseline = results.Count > 1 ? results[1] : null;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[..3] : ["?", "?", "?"];
        text.AppendLine($"== summary ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {string.Join(" ", load)})");
        text.AppendLine($"{s.Users} closed-loop virtual users per phase, think time {(s.Think > TimeSpan.Zero ? $"{s.Think.TotalMilliseconds * 0.5:F0}–{s.Think.TotalMilliseconds * 1.5:F0} ms (random)" : "0 ms")}, {s.Duration.TotalSeconds:F0} s measured after the warm-up; latency of the POST alone (no GET in the loop).");
        text.AppendLine("requests = started in the measured window (the latency sample); throughput = requests completed in the window per second.");
        text.AppendLine();
        text.AppendLine("| endpoint | requests | failures | throughput (req/s) | p50 | p95 | p99 | max |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            text.AppendLine($"| {r.Name} | {r.Requests:N0} | {r.FailureCount:N0} | {r.Throughput:N1} | {Ms(r.Percentile(50))} | {Ms(r.Percentile(95))} | {Ms(r.Percentile(99))} | {Ms(r.SortedLatencies.LastOrDefault())} |");
        text.AppendLine();
        if (baseline is not null)
            text.AppendLine($"Ayumi's save throughput is {ayumi.Throughput / baseline.Throughput * 100:F1} % of the baseline's (1 : {baseline.Throughput / ayumi.Throughput:F1}).");
        var met = ayumi.FailureCount == 0 && ayumi.Percentile(95) < TargetP95Milliseconds;
        text.AppendLine($"Target (no failed save, p95 < {TargetP95Milliseconds:F0} ms): {(met ? "MET" : "NOT MET")} — {ayumi.FailureCount} failures, p95 {Ms(ayumi.Percentile(95))}.");
        text.AppendLine();
        text.AppendLine("CPU during the measured window (seconds of CPU; the machine has " + Environment.ProcessorCount + " cores):");
        text.AppendLine();
        text.AppendLine("| phase | machine busy | Ayumi server (of which JIT, GC threads) | PostgreSQL | load tool (+ baseline) | other processes | server CPU per request | PostgreSQL CPU per request |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var c = r.Cpu;
            var window = r.Duration.TotalSeconds * Environment.ProcessorCount;
            text.AppendLine($"| {r.Name.Split(':')[0]} | {c.MachineBusy / window * 100:F0} % | {c.Server:F1} s ({c.ServerJit:F1} s, {c.ServerGc:F1} s) | {c.Postgres:F1} s | {c.Tool:F1} s | {Math.Max(0, c.MachineBusy - c.Server - c.Postgres - c.Tool):F1} s | {Per(c.Server, r.Completed)} | {Per(c.Postgres, r.Completed)} |");
        }
        foreach (var r in results)
        {
            text.AppendLine();
            text.AppendLine($"{r.Name}: {r.WarmupNote}; {r.Completed:N0} requests completed in the window ({r.SuccessThroughput:N1} successful saves/s), mean latency {Ms(r.Mean)}; parts whose stored version differs from the user's: {r.VersionMismatches}.");
            foreach (var (kind, count) in r.Failures.OrderByDescending(f => f.Value)) text.AppendLine($"  failure {kind}: {count}");
            text.AppendLine($"  failures during the warm-up (not in the table): {r.WarmupFailures.Values.Sum()}");
            foreach (var (kind, count) in r.WarmupFailures.OrderByDescending(f => f.Value)) text.AppendLine($"    {kind}: {count}");
            if (r.Statements is { Count: > 0 } executed && r.Completed > 0)
            {
                var calls = executed.Sum(e => e.Calls);
                var time = executed.Sum(e => e.TotalMilliseconds);
                var planning = executed.Sum(e => e.PlanMilliseconds);
                text.AppendLine($"  PostgreSQL (pg_stat_statements, measured window), per completed request: {calls / (double)r.Completed:F1} statements, {planning / r.Completed:F2} ms planning, {time / r.Completed:F2} ms execution. The most frequent (times per request, mean planning + execution ms):");
                foreach (var e in executed.Take(16))
                    text.AppendLine($"    {e.Calls / (double)r.Completed,5:F2}× {e.PlanMilliseconds / Math.Max(1, e.Calls),6:F3} + {e.TotalMilliseconds / Math.Max(1, e.Calls),6:F3} ms  {OneLine(e.Query, 100)}");
            }
        }
        return text.ToString();
    }

    private static string OneLine(string sql, int max)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : line[..max] + "…";
    }

    private static string Ms(double value) => double.IsNaN(value) ? "–" : $"{value:N1} ms";

    private static string Per(double seconds, int requests) => requests == 0 ? "–" : $"{seconds * 1000 / requests:F2} ms";
}

/// <summary>The minimal endpoint: the same single-row update of <c>EntryParts</c>, with the same version check, and nothing else.</summary>
public static class Baseline
{
    public static async Task<WebApplication> StartAsync(string connectionString, int port, int poolSize)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Quiet: Ayumi's appsettings.json sits beside this tool and would turn on console logging.
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = poolSize }.ConnectionString);
        builder.Services.AddSingleton(dataSource);
        var app = builder.Build();
        app.MapPost("/save/{id:int}", async (int id, HttpRequest request, NpgsqlDataSource db) =>
        {
            var form = await request.ReadFormAsync();
            if (!int.TryParse(form["Input.Version"], CultureInfo.InvariantCulture, out var version)) return Results.BadRequest();
            await using var update = db.CreateCommand("""UPDATE "EntryParts" SET "Results" = $1, "Version" = "Version" + 1 WHERE "Id" = $2 AND "Version" = $3""");
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form["Input.Results"].ToString() });
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
            if (await update.ExecuteNonQueryAsync() == 1) return Results.Redirect($"/entries/{id}?saved=draft");
            await using var read = db.CreateCommand("""SELECT "Version" FROM "EntryParts" WHERE "Id" = $1""");
            read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
            return await read.ExecuteScalarAsync() is int stored ? Results.Text(stored.ToString(CultureInfo.InvariantCulture), statusCode: 409) : Results.NotFound();
        });
        await app.StartAsync();
        return app;
    }
}
