using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Hosting;
using Ayumi.Features.Import.Reading;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Benchmarks;

/// <summary>
/// The import benchmark's console mode (<c>-- import</c>): generates the 10,000-measure
/// workbook once, then, in each round and in the same process, times
/// <list type="bullet">
/// <item><c>read</c>: <see cref="WorkbookReader.Read"/> alone;</item>
/// <item><c>importer</c>: <see cref="PlanImporter.Run"/> alone, into a new in-memory organisation (no database);</item>
/// <item><c>preview</c>: <see cref="ImportRun.RunAsync"/> with commit: false, into an empty organisation in a new migrated SQLite file;</item>
/// <item><c>commit</c>: the same with commit: true, on the same (still empty) database;</item>
/// <item><c>reimport</c>: the same file committed again over what <c>commit</c> wrote; nothing changes.</item>
/// </list>
/// Each step runs in its own DI scope, as a request would, after a full garbage collection.
/// Its peak memory is the process's peak resident set (VmHWM), reset before the step through
/// <c>/proc/self/clear_refs</c>; it includes everything the process holds (runtime, EF model,
/// the file's bytes). A cold round (JIT, EF model) runs first and is shown apart.
/// </summary>
public static class ImportMeasure
{
    private sealed record Result(string Step, int Round, TimeSpan Time, TimeSpan Cpu, long PeakRss, long RssBefore, long Allocated, string Load);

    /// <summary>The steps to time (<c>--steps importer,commit</c>, for profiling one of them); all when null.</summary>
    private static string[]? Steps;

    private static bool Wanted(string step) => Steps is null || Steps.Contains(step);

    public static async Task<int> RunAsync(string[] args)
    {
        var measures = IntOption(args, "--measures", 10_000);
        var rounds = IntOption(args, "--runs", 3);
        var stepsIndex = Array.IndexOf(args, "--steps");
        Steps = stepsIndex >= 0 && stepsIndex + 1 < args.Length ? args[stepsIndex + 1].Split(',') : null;
        var folder = Path.Combine(Path.GetTempPath(), $"ayumi-importbench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            return await MeasureAsync(measures, rounds, folder);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(int measures, int rounds, string folder)
    {
        Console.WriteLine($"import benchmark: {measures:N0} measures, {rounds} measured round(s) after a cold one; " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC{(GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent")}; {Environment.ProcessorCount} cores; load {Load()}");
        var clock = Stopwatch.StartNew();
        var file = ImportWorkbook.Create(measures);
        Console.WriteLine($"workbook: {file.Length / 1024.0 / 1024:F1} MB, generated in {clock.Elapsed.TotalSeconds:F1} s");

        var database = Path.Combine(folder, "work.db");
        var template = Path.Combine(folder, "template.db");
        await using var app = WebApp.Build(
        [
            $"--ConnectionStrings:Ayumi=Data Source={database}",
            "--Ayumi:DemoData=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
        ]);
        await app.Services.PrepareDatabaseAsync(app.Configuration, loadDemo: false);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
            db.Organisations.Add(new Organisation(LocalGovernmentCode.Parse(ImportWorkbook.OrganisationCode), ImportWorkbook.OrganisationName));
            await db.SaveChangesAsync();
        }
        SqliteConnection.ClearAllPools();
        File.Copy(database, template);

        Console.WriteLine($"ready: {Composition()}");
        var results = new List<Result>();
        for (var round = 0; round <= rounds; round++)
        {
            SqliteConnection.ClearAllPools();
            File.Copy(template, database, overwrite: true);
            if (Wanted("read"))
            {
                Workbook? workbook = null;
                results.Add(Step("read", round, () =>
                {
                    workbook = WorkbookReader.Read(ImportWorkbook.FileName, new MemoryStream(file), ReadLimits.Default);
                    return Task.CompletedTask;
                }));
                if (workbook!.Sheets.Sum(s => s.Rows.Count) != measures + ImportWorkbook.HeaderRow) throw new InvalidOperationException("The reader did not return every row.");
            }
            if (Wanted("importer"))
                results.Add(Step("importer", round, () =>
                {
                    var read = WorkbookReader.Read(ImportWorkbook.FileName, new MemoryStream(file), ReadLimits.Default);
                    var organisation = new Organisation(LocalGovernmentCode.Parse(ImportWorkbook.OrganisationCode), ImportWorkbook.OrganisationName);
                    Check("importer", PlanImporter.Run(organisation, read, new ImportOptions()), measures, expectNothing: false);
                    return Task.CompletedTask;
                }));
            if (Wanted("preview"))
                results.Add(Step("preview", round, () => ImportAsync(app.Services, file, measures, commit: false, expectNothing: false)));
            if (Wanted("commit") || Wanted("reimport"))
            {
                var commit = Step("commit", round, () => ImportAsync(app.Services, file, measures, commit: true, expectNothing: false));
                if (Wanted("commit")) results.Add(commit);
                if (round == 0) await CheckStoredAsync(app.Services, measures);
            }
            if (Wanted("reimport"))
                results.Add(Step("reimport", round, () => ImportAsync(app.Services, file, measures, commit: true, expectNothing: true)));
        }
        Print(results, measures);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Console.WriteLine($"end: {Composition()}");
        return 0;
    }

    private static async Task ImportAsync(IServiceProvider services, byte[] file, int measures, bool commit, bool expectNothing)
    {
        await using var scope = services.CreateAsyncScope();
        var run = scope.ServiceProvider.GetRequiredService<ImportRun>();
        var report = await run.RunAsync(LocalGovernmentCode.Parse(ImportWorkbook.OrganisationCode), ImportWorkbook.FileName, new MemoryStream(file), new ImportOptions(), commit);
        Check(commit ? "commit" : "preview", report, measures, expectNothing);
    }

    private static void Check(string step, ImportReport report, int measures, bool expectNothing)
    {
        if (report.HasErrors) throw new InvalidOperationException($"{step}: the import has errors: {string.Join("; ", report.Errors.Take(5).Select(e => e.English))}");
        var counts = report.Counts;
        var ok = expectNothing
            ? counts.ChangesNothing && counts.MeasuresUnchanged == measures
            : counts.MeasuresCreated == measures && counts.EntriesCreated == 2 * measures;
        if (!ok)
            throw new InvalidOperationException($"{step}: unexpected counts: {counts.MeasuresCreated} measures created, {counts.MeasuresUpdated} updated, " +
                $"{counts.MeasuresUnchanged} unchanged, {counts.EntriesCreated} entries created, {counts.EntriesUpdated} updated.");
        if (report.Warnings.Any()) throw new InvalidOperationException($"{step}: unexpected warnings: {string.Join("; ", report.Warnings.Take(5).Select(e => e.English))}");
    }

    private static async Task CheckStoredAsync(IServiceProvider services, int measures)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var stored = new
        {
            Measures = await db.Measures.CountAsync(),
            Entries = await db.YearlyEntries.CountAsync(),
            Nodes = await db.PlanNodes.CountAsync(),
            Departments = await db.Departments.CountAsync(),
            Audit = await db.AuditEntries.CountAsync(),
        };
        Console.WriteLine($"stored after commit: {stored.Measures:N0} measures, {stored.Entries:N0} yearly entries, {stored.Nodes} nodes, " +
            $"{stored.Departments} departments, {stored.Audit:N0} audit rows");
        if (stored.Measures != measures || stored.Entries != 2 * measures) throw new InvalidOperationException("The commit did not store every measure and entry.");
    }

    private static Result Step(string name, int round, Func<Task> step)
    {
        var process = Process.GetCurrentProcess();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var rssBefore = Status("VmRSS");
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM to the current resident set
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        step().GetAwaiter().GetResult();
        clock.Stop();
        process.Refresh();
        var result = new Result(name, round, clock.Elapsed, process.TotalProcessorTime - cpu, Status("VmHWM"), rssBefore, GC.GetTotalAllocatedBytes(precise: true) - allocated, Load());
        Console.WriteLine($"  round {round} {name,-8} {result.Time.TotalMilliseconds,8:N0} ms  cpu {result.Cpu.TotalMilliseconds,8:N0} ms  peak {Mb(result.PeakRss),5} MB (before {Mb(rssBefore)} MB)  load {result.Load}");
        return result;
    }

    private static void Print(List<Result> results, int measures)
    {
        Console.WriteLine();
        Console.WriteLine("| step | cold (round 0) | rounds 1… | median | rows/s (median) | vs reader | CPU (median) | peak RSS (max) | RSS before | allocated | load average (1 min, per round) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var reader = Median(results.Where(r => r.Step == "read" && r.Round > 0).Select(r => r.Time).ToList());
        foreach (var step in results.Select(r => r.Step).Distinct())
        {
            var cold = results.Single(r => r.Step == step && r.Round == 0);
            var warm = results.Where(r => r.Step == step && r.Round > 0).ToList();
            if (warm.Count == 0) warm = [cold];
            var median = Median(warm.Select(r => r.Time).ToList());
            Console.WriteLine($"| {step} | {Ms(cold.Time)} | {string.Join(" / ", warm.Select(r => Ms(r.Time)))} | {Ms(median)} | " +
                $"{measures / median.TotalSeconds:N0} | {(step == "read" ? "1" : reader == TimeSpan.Zero ? "–" : (reader / median).ToString("0.00", CultureInfo.InvariantCulture))} | " +
                $"{Ms(Median(warm.Select(r => r.Cpu).ToList()))} | " +
                $"{Mb(warm.Max(r => r.PeakRss))} MB | {Mb(warm.Max(r => r.RssBefore))} MB | {warm.Average(r => r.Allocated) / 1024 / 1024:N0} MB | " +
                $"{string.Join(" / ", warm.Select(r => r.Load.Split(' ')[0]))} |");
        }
        var previewAndCommit = results.Where(r => r.Round > 0 && r.Step is "preview" or "commit").GroupBy(r => r.Round)
            .Select(g => g.Aggregate(TimeSpan.Zero, (t, r) => t + r.Time)).ToList();
        if (previewAndCommit.Count > 0)
            Console.WriteLine($"\npreview + commit: {string.Join(" / ", previewAndCommit.Select(Ms))} (median {Ms(Median(previewAndCommit))}); load now {Load()}");
    }

    private static TimeSpan Median(List<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>What the resident set is made of: anonymous memory (the GC heap among it) and mapped files (the assemblies).</summary>
    private static string Composition() =>
        $"resident {Mb(Status("VmRSS"))} MB = {Mb(Status("RssAnon"))} MB anonymous + {Mb(Status("RssFile"))} MB files; " +
        $"GC heap {Mb(GC.GetGCMemoryInfo().HeapSizeBytes)} MB, committed {Mb(GC.GetGCMemoryInfo().TotalCommittedBytes)} MB";

    /// <summary>A /proc/self/status field in bytes.</summary>
    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    private static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
