using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.LoadTest;

public sealed record DeadlineSettings(
    string Provider,
    string ConnectionString,
    Uri Target,
    string UsersFile,
    string ReadersFile,
    int Users,
    int WarmupUsers,
    int Readers,
    TimeSpan Ramp,
    TimeSpan Think,
    TimeSpan MaxDuration);

/// <summary>
/// Deadline week: department users each sign in, load their to-do list, open their part, save it
/// twice and submit it, starting at random moments within the ramp, while anonymous readers open
/// published pages. A few extra users run the same steps first to warm the server up (not
/// measured). At the end every part is read back through Ayumi's own context: the stored text
/// must be the last one the server confirmed (no lost update).
/// </summary>
public static class DeadlineRun
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(DeadlineSettings s)
    {
        if (!IPAddress.TryParse(s.Target.Host, out var address) || !IPAddress.IsLoopback(address))
            throw new UsageException($"--target must be a loopback address such as http://127.0.0.1:5447, not {s.Target}.");
        if (s.MaxDuration > TimeSpan.FromMinutes(10)) throw new UsageException("--max-seconds is at most 600.");
        var assignments = File.ReadAllLines(s.UsersFile).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(f => (Email: f[0], PartId: int.Parse(f[1], CultureInfo.InvariantCulture))).ToList();
        if (assignments.Count < s.Users + s.WarmupUsers) throw new UsageException($"{s.UsersFile} names {assignments.Count} users; {s.Users} + {s.WarmupUsers} for the warm-up are needed.");
        var pages = File.ReadAllLines(s.ReadersFile).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(f => (Kind: f[0], Path: f[1])).ToList();

        var clock = Stopwatch.StartNew();
        using var abort = new CancellationTokenSource(s.MaxDuration);
        var warmup = assignments.Take(s.WarmupUsers).Select((a, i) => new DeadlineUser(i, a.Email, a.PartId, s.Target, RequestTimeout)).ToList();
        Console.WriteLine($"deadline: warming up with {warmup.Count} users (no think time, 8 at once) and one read of each public page …");
        await Parallel.ForEachAsync(warmup, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = abort.Token },
            async (u, ct) => await u.RunAsync(Prepare.Password, _ => Task.CompletedTask, ct));
        using (var reader = NewReader(s.Target))
            foreach (var page in pages) await ReadAsync(reader, page, abort.Token);
        var warmupFailures = warmup.SelectMany(u => u.Results).Count(r => r.Error is not null);
        Console.WriteLine($"deadline: warm-up done ({clock.Elapsed.TotalSeconds:F0} s, {warmupFailures} failed requests)");

        var users = assignments.Skip(s.WarmupUsers).Take(s.Users)
            .Select((a, i) => new DeadlineUser(s.WarmupUsers + i, a.Email, a.PartId, s.Target, RequestTimeout)).ToList();
        var loadAtStart = LoadAverage();
        Console.WriteLine($"deadline: {users.Count} department users starting within {s.Ramp.TotalSeconds:F0} s, thinking {s.Think.TotalMilliseconds * 0.5:F0}–{s.Think.TotalMilliseconds * 1.5:F0} ms between steps; {s.Readers} anonymous readers over {pages.Count} public pages");
        var started = Stopwatch.GetTimestamp();
        using var readersStop = CancellationTokenSource.CreateLinkedTokenSource(abort.Token);
        var readerResults = new List<StepResult>[s.Readers];
        var readers = Enumerable.Range(0, s.Readers).Select(r => Task.Run(async () =>
        {
            readerResults[r] = [];
            var random = new Random(10_000 + r);
            using var client = NewReader(s.Target);
            try
            {
                await Task.Delay(s.Ramp * random.NextDouble() / 4, readersStop.Token);
                while (!readersStop.IsCancellationRequested)
                {
                    readerResults[r].Add(await ReadAsync(client, pages[random.Next(pages.Count)], readersStop.Token));
                    await Task.Delay(s.Think * (0.5 + random.NextDouble()), readersStop.Token);
                }
            }
            catch (OperationCanceledException) { }
        })).ToList();
        var departments = users.Select(u => Task.Run(async () =>
        {
            var random = new Random(u.Index);
            try
            {
                await Task.Delay(s.Ramp * random.NextDouble(), abort.Token);
                await u.RunAsync(Prepare.Password, ct => Task.Delay(s.Think * (0.5 + random.NextDouble()), ct), abort.Token);
            }
            catch (OperationCanceledException) { }
        })).ToList();
        await Task.WhenAll(departments);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await readersStop.CancelAsync();
        await Task.WhenAll(readers);
        Console.WriteLine($"deadline: all department users done in {elapsed.TotalSeconds:F0} s{(abort.IsCancellationRequested ? " (stopped at --max-seconds)" : "")}");

        var stored = await StoredPartsAsync(s, users.Select(u => u.PartId).ToList());
        Console.WriteLine();
        Console.WriteLine(Report(s, users, readerResults.SelectMany(r => r ?? []).ToList(), stored, elapsed, loadAtStart, abort.IsCancellationRequested));
        foreach (var u in warmup.Concat(users)) u.Dispose();
        return 0;
    }

    private static HttpClient NewReader(Uri target) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 1, UseProxy = false })
        { BaseAddress = target, Timeout = RequestTimeout };

    private static async Task<StepResult> ReadAsync(HttpClient client, (string Kind, string Path) page, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            using var response = await client.GetAsync(page.Path, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK) error = $"GET {page.Path} answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }
        return new StepResult($"public: {page.Kind}", Stopwatch.GetElapsedTime(start).TotalMilliseconds, error);
    }

    private sealed record StoredPart(int Id, string? Results, PartStatus Status);

    /// <summary>The parts as stored, read through Ayumi's own context for the provider.</summary>
    private static async Task<Dictionary<int, StoredPart>> StoredPartsAsync(DeadlineSettings s, List<int> ids)
    {
        await using var app = WebApp.Build([$"--Ayumi:Database:Provider={s.Provider}", $"--ConnectionStrings:Ayumi={s.ConnectionString}", "--Logging:LogLevel:Default=Warning"]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        return await db.EntryParts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new StoredPart(p.Id, p.Results, p.Status)).ToDictionaryAsync(p => p.Id);
    }

    private static string Report(DeadlineSettings s, List<DeadlineUser> users, List<StepResult> reads, Dictionary<int, StoredPart> stored, TimeSpan elapsed, string loadAtStart, bool stopped)
    {
        var text = new StringBuilder();
        var all = users.SelectMany(u => u.Results).Concat(reads).ToList();
        text.AppendLine($"== deadline week on {s.Provider} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at the start {loadAtStart}, at the end {LoadAverage()})");
        text.AppendLine($"{users.Count} department users (+{s.WarmupUsers} warm-up users before, not counted), started within {s.Ramp.TotalSeconds:F0} s, think time {s.Think.TotalMilliseconds * 0.5:F0}–{s.Think.TotalMilliseconds * 1.5:F0} ms; {s.Readers} anonymous readers; {elapsed.TotalSeconds:F0} s from the first start to the last submission{(stopped ? ", STOPPED at the time limit" : "")}.");
        text.AppendLine();
        text.AppendLine("| step | requests | errors | p50 | p95 | p99 | max |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        string[] order = [DeadlineUser.SignIn, DeadlineUser.ToDoList, DeadlineUser.OpenEntry, DeadlineUser.Save, DeadlineUser.Submit];
        foreach (var step in all.GroupBy(r => r.Step).OrderBy(g => Array.IndexOf(order, g.Key) is var i and >= 0 ? i : order.Length).ThenBy(g => g.Key))
        {
            var sorted = step.Select(r => r.Milliseconds).Order().ToArray();
            text.AppendLine($"| {step.Key} | {sorted.Length:N0} | {step.Count(r => r.Error is not null):N0} | {Ms(Percentile(sorted, 50))} | {Ms(Percentile(sorted, 95))} | {Ms(Percentile(sorted, 99))} | {Ms(sorted[^1])} |");
        }
        text.AppendLine();
        var lost = users.Where(u => u.LastConfirmedText is not null && stored.GetValueOrDefault(u.PartId)?.Results != u.LastConfirmedText).ToList();
        var notSubmitted = users.Count(u => u.Submitted && stored.GetValueOrDefault(u.PartId)?.Status != PartStatus.Submitted);
        text.AppendLine($"Users who submitted: {users.Count(u => u.Submitted)} of {users.Count}. Errors: {all.Count(r => r.Error is not null)}.");
        text.AppendLine($"Lost updates (stored text differs from the last text the server confirmed): {lost.Count}; confirmed submissions not stored as submitted: {notSubmitted}.");
        foreach (var u in lost.Take(5)) text.AppendLine($"  lost: part {u.PartId}: confirmed '{u.LastConfirmedText}', stored '{stored.GetValueOrDefault(u.PartId)?.Results}'");
        foreach (var (error, count) in all.Where(r => r.Error is not null).GroupBy(r => $"{r.Step}: {r.Error}").Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).Take(15))
            text.AppendLine($"  error ×{count}: {error}");
        return text.ToString();
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Ms(double value) => double.IsNaN(value) ? "–" : $"{value:N0} ms";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";
}
