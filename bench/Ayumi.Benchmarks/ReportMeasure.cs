using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Reports;
using Ayumi.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Ayumi.Benchmarks;

/// <summary>
/// <c>report generate --db FILE</c> writes the 500-measure plan (<see cref="ReportPlan"/>) to a
/// migrated SQLite file; <c>report measure --db FILE</c> times, in one process and one run, what the
/// report page and its downloads do with it, for the Miyagi and Ena layouts, each against reading
/// the same rows from the database alone, and prints a Markdown table with the process's peak
/// working set. bench/report.sh runs both and adds the page served by the running server.
/// </summary>
public static class ReportMeasure
{
    private static readonly string[] TemplateNames = [ReportTemplate.Miyagi, ReportTemplate.Ena];
    private static readonly FiscalYear Year = ReportPlan.ReportedYears[^1];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args.Skip(1));
        var db = options.GetValueOrDefault("db") ?? Path.Combine(Path.GetTempPath(), "ayumi-report-bench.db");
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
        switch (args.FirstOrDefault())
        {
            case "generate":
                var clock = Stopwatch.StartNew();
                var measures = int.Parse(options.GetValueOrDefault("measures") ?? "500", CultureInfo.InvariantCulture);
                var id = await ReportPlan.CreateDatabaseAsync(db, measures);
                Console.WriteLine($"plan {id}: {measures} measures written to {db} in {clock.Elapsed.TotalSeconds:F1} s");
                // For bench/report.sh: the page's query string of each layout.
                foreach (var name in TemplateNames) Console.WriteLine($"template {Short(name).Split(' ')[0]} template={Uri.EscapeDataString(name)}");
                return 0;
            case "measure":
                var planId = await PlanIdAsync(db);
                await MeasureAsync(db, planId, Int(options, "runs", 7), Int(options, "pdf-runs", 3));
                return 0;
            default:
                Console.Error.WriteLine("usage: report generate [--db FILE] [--measures 500] | report measure [--db FILE] [--runs 7] [--pdf-runs 3]");
                return 2;
        }
    }

    private static async Task<int> PlanIdAsync(string db)
    {
        if (!File.Exists(db)) throw new FileNotFoundException($"{db} is missing: run `report generate --db {db}` first.");
        await using var context = ReportPlan.Context(db);
        return await context.Plans.Where(p => p.Name == ReportPlan.PlanName).Select(p => p.Id).FirstAsync();
    }

    private sealed class Samples
    {
        private readonly Dictionary<string, List<double>> _ms = [];
        public void Add(string key, double ms) => (_ms.TryGetValue(key, out var list) ? list : _ms[key] = []).Add(ms);

        /// <summary>Times <paramref name="work"/>: wall clock under <paramref name="key"/>, CPU (this process, and Chromium's with <paramref name="children"/>) under key/cpu.</summary>
        public async Task<T> Time<T>(string key, Func<Task<T>> work, bool children = false)
        {
            var cpu = ProcessCpuMs() + (children ? ChildrenCpuMs() : 0);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var result = await work();
            Add(key, clock.Elapsed.TotalMilliseconds);
            Add(key + "/alloc", (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0);
            Add(key + "/cpu", ProcessCpuMs() + (children ? ChildrenCpuMs() : 0) - cpu);
            return result;
        }

        public T TimeSync<T>(string key, Func<T> work) => Time(key, () => Task.FromResult(work()), children: false).GetAwaiter().GetResult();
        public double Median(string key) { var s = _ms[key].Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
        public double Min(string key) => _ms[key].Min();
        public double Max(string key) => _ms[key].Max();
        public int Count(string key) => _ms[key].Count;
    }

    private static async Task MeasureAsync(string db, int planId, int runs, int pdfRuns)
    {
        var text = new UiText();
        Func<string, string> t = k => text[k];
        var samples = new Samples();
        var notes = new List<string>();
        var sizes = new Dictionary<string, string>();
        var startLoad = LoadAverage();
        var peakAtStart = PeakWorkingSetMb();

        // Warm-up: every step once per layout, so that JIT and EF Core's query compilation are out of the timings.
        foreach (var name in TemplateNames)
        {
            var plan = await LoadAsync(db, planId);
            var sheet = ProgressSheet.Build(plan, Year, Template(name), t);
            var html = ProgressSheetHtml.Table(sheet, SheetColumns.All, showPrevious: false, t);
            var xlsx = ProgressSheetWorkbook.Write(sheet, t);
            var csv = ProgressSheetCsv.Write(sheet);
            var rows = sheet.Lines.Count(l => !l.IsSection);
            var changed = sheet.Lines.Sum(l => l.Cells.Count(c => c.Changed));
            sizes[name] = $"{rows} rows ({sheet.MeasureCount} measures), {sheet.Headings.Count} columns, {changed} cells changed since last year; HTML table {Kb(Encoding.UTF8.GetByteCount(html))}, xlsx {Kb(xlsx.Length)}, CSV {Kb(csv.Length)}";
        }
        var peakAfterWarmUp = PeakWorkingSetMb();
        notes.Add($"after one export of each kind: {MemoryNow()}");

        for (var run = 0; run < runs; run++)
            foreach (var name in TemplateNames)
            {
                var template = Template(name);
                var plan = await samples.Time($"{name}/load", () => LoadAsync(db, planId));
                var sheet = samples.TimeSync($"{name}/build", () => ProgressSheet.Build(plan, Year, template, t));
                samples.TimeSync($"{name}/diff", () => sheet.Lines.Sum(l => l.Cells.Sum(c => c.Segments().Count())));
                samples.TimeSync($"{name}/html", () => ProgressSheetHtml.Table(sheet, SheetColumns.All, showPrevious: false, t));
                samples.TimeSync($"{name}/write", () => ProgressSheetWorkbook.Write(sheet, t));
                samples.TimeSync($"{name}/csvwrite", () => ProgressSheetCsv.Write(sheet));
                // What the handlers do, end to end: a fresh context, load, build, write.
                await samples.Time($"{name}/xlsx", async () => ProgressSheetWorkbook.Write(ProgressSheet.Build(await LoadAsync(db, planId), Year, template, t), t));
                await samples.Time($"{name}/pagebody", async () => ProgressSheetHtml.Table(ProgressSheet.Build(await LoadAsync(db, planId), Year, template, t), SheetColumns.All, showPrevious: false, t));
            }
        var peakAfterXlsx = PeakWorkingSetMb();
        notes.Add($"after the timed runs without PDF: {MemoryNow()}");

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using (var pdf = new PdfRenderer(configuration))
        {
            await samples.Time("startup", () => Length(pdf.RenderAsync("start", new HtmlString("<p>start</p>"), UiText.Japanese, CancellationToken.None)), children: true);
            foreach (var name in TemplateNames)
            {
                // The layout's first PDF, timed apart.
                var bytes = await samples.Time($"{name}/pdffirst", async () => await Pdf(pdf, await LoadAsync(db, planId), Template(name), t), children: true);
                sizes[name] += $", PDF {Kb(bytes.Length)} ({PdfPages(bytes)} pages)";
            }
            for (var run = 0; run < pdfRuns; run++)
                foreach (var name in TemplateNames)
                    await samples.Time($"{name}/pdf", async () =>
                    {
                        var plan = await LoadAsync(db, planId);
                        var sheet = ProgressSheet.Build(plan, Year, Template(name), t);
                        return await samples.Time($"{name}/render", () => Length(pdf.RenderAsync(Title(sheet, t), ProgressSheetHtml.ForPrint(sheet, SheetColumns.All, t), UiText.Japanese, CancellationToken.None)), children: true);
                    }, children: true);
            notes.Add($"after the PDFs: {MemoryNow()}");
            notes.Add($"PDF first call (Playwright driver and Chromium start-up, one-line page): {samples.Median("startup"):F0} ms, CPU {samples.Median("startup/cpu"):F0} ms");
            notes.Add($"Chromium's own processes, peak resident memory summed over them: {ChromiumPeakMb()} MB (not part of the .NET process's working set)");
        }
        var peakAtEnd = PeakWorkingSetMb();

        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"Report benchmark, plan {planId} ({ReportPlan.PlanName}), {Year.ToEraAbbreviation()}, {runs} runs ({pdfRuns} for PDF), median (min–max) in ms; CPU = median CPU time of this process in ms, Chromium's added for PDF steps; allocated = managed bytes allocated by this process during the step");
        output.AppendLine(CultureInfo.InvariantCulture, $"load average at start: {startLoad}; at end: {LoadAverage()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        foreach (var name in TemplateNames) output.AppendLine(CultureInfo.InvariantCulture, $"* {name}: {sizes[name]}");
        output.AppendLine();
        output.Append("| step | target |");
        foreach (var name in TemplateNames) output.Append(CultureInfo.InvariantCulture, $" {Short(name)} wall | × DB read | CPU | allocated MB |");
        output.AppendLine();
        output.Append("|---|---:|");
        foreach (var _ in TemplateNames) output.Append("---:|---:|---:|---:|");
        output.AppendLine();
        Row(output, samples, "(a) DB read alone: `ReportQueries.LoadAsync`, new context", "load", "");
        Row(output, samples, "(b) `ProgressSheet.Build`", "build", "");
        Row(output, samples, "`SheetCell.Segments` of every cell (`TextDiff`)", "diff", "");
        Row(output, samples, "`ProgressSheetHtml.Table` (the page's table)", "html", "");
        Row(output, samples, "`ProgressSheetWorkbook.Write`", "write", "");
        Row(output, samples, "`ProgressSheetCsv.Write`", "csvwrite", "");
        Row(output, samples, "**(c) workbook: load + build + write**", "xlsx", "< 2,000");
        Row(output, samples, "page body in process: load + build + table", "pagebody", "");
        Row(output, samples, "PDF render alone (`PdfRenderer.RenderAsync`)", "render", "");
        Row(output, samples, "**(d) PDF: load + build + table + render**", "pdf", "< 10,000");
        Row(output, samples, "first PDF of the layout (Chromium running)", "pdffirst", "");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"(f) peak working set (VmHWM) of this process: {peakAtStart} MB at start, {peakAfterWarmUp} MB after one export of each kind, {peakAfterXlsx} MB after the timed workbook runs, **{peakAtEnd} MB at the end** (target < 300 MB)");
        foreach (var note in notes) output.AppendLine("* " + note);
        Console.Write(output.ToString());
    }

    private static void Row(StringBuilder output, Samples samples, string label, string key, string target)
    {
        output.Append(CultureInfo.InvariantCulture, $"| {label} | {target} |");
        foreach (var name in TemplateNames)
        {
            var k = $"{name}/{key}";
            var load = samples.Median($"{name}/load");
            var range = samples.Count(k) > 1 ? $" ({samples.Min(k):F0}–{samples.Max(k):F0})" : "";
            output.Append(CultureInfo.InvariantCulture, $" {samples.Median(k):F0}{range} | {samples.Median(k) / load:F1} | {samples.Median(k + "/cpu"):F0} | {samples.Median(k + "/alloc"):F1} |");
        }
        output.AppendLine();
    }

    private static async Task<byte[]> Pdf(PdfRenderer pdf, Plan plan, ReportTemplate template, Func<string, string> t)
    {
        var sheet = ProgressSheet.Build(plan, Year, template, t);
        await using var file = await pdf.RenderAsync(Title(sheet, t), ProgressSheetHtml.ForPrint(sheet, SheetColumns.All, t), UiText.Japanese, CancellationToken.None);
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>The PDF's length: the file is closed, and so deleted, without being read.</summary>
    private static async Task<long> Length(Task<Stream> rendering)
    {
        await using var file = await rendering;
        return file.Length;
    }

    private static string Title(ProgressSheet sheet, Func<string, string> t) => string.Format(t("reports.sheetTitle"), sheet.Plan.Name, sheet.Year.ToJapanese());

    /// <summary>What a request does: its own context, the report's queries.</summary>
    private static async Task<Plan> LoadAsync(string db, int planId)
    {
        await using var context = ReportPlan.Context(db);
        return await ReportQueries.LoadAsync(context, planId, CancellationToken.None) ?? throw new InvalidOperationException($"Plan {planId} is missing.");
    }

    private static ReportTemplate Template(string name) => ReportTemplate.BuiltIn.Single(t => t.Name == name);

    private static string Short(string name) => name == ReportTemplate.Miyagi ? "Miyagi (12 columns)" : "Ena (7 columns + policy rows)";

    private static string Kb(int bytes) => $"{bytes / 1024.0:F0} KB";

    private static int PdfPages(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var count = 0;
        for (var i = text.IndexOf("/Type /Page", StringComparison.Ordinal); i >= 0; i = text.IndexOf("/Type /Page", i + 1, StringComparison.Ordinal))
            if (i + 11 >= text.Length || text[i + 11] != 's') count++;
        return count;
    }

    private static double ProcessCpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    /// <summary>CPU time of this process's descendants (Playwright's driver, Chromium), including children they have reaped, in ms.</summary>
    private static double ChildrenCpuMs() => Descendants().Sum(p => p.Ticks) * 1000.0 / 100;

    /// <summary>The managed heap and the process's memory now, for the notes.</summary>
    private static string MemoryNow()
    {
        var info = GC.GetGCMemoryInfo();
        return $"heap {info.HeapSizeBytes / 1048576} MB (committed {info.TotalCommittedBytes / 1048576} MB, LOH {info.GenerationInfo[3].SizeAfterBytes / 1048576} MB), " +
            $"resident {StatusKb(Environment.ProcessId, "VmRSS") / 1024} MB, peak {PeakWorkingSetMb()} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}";
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>VmHWM: the peak resident set of this process, in MB.</summary>
    private static long PeakWorkingSetMb() => StatusKb(Environment.ProcessId, "VmHWM") / 1024;

    private static long StatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }

    /// <summary>The peak resident sets of this process's descendants (Playwright's driver and Chromium), summed, in MB.</summary>
    private static long ChromiumPeakMb() => Descendants().Sum(p => StatusKb(p.Pid, "VmHWM")) / 1024;

    /// <summary>This process's descendants with their CPU time in clock ticks (utime, stime, cutime, cstime; 100 a second on Linux).</summary>
    private static List<(int Pid, long Ticks)> Descendants()
    {
        var processes = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid))
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    processes[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture)));
                }
                catch (IOException) { }
        var descendants = new HashSet<int> { Environment.ProcessId };
        bool added;
        do
        {
            added = false;
            foreach (var (pid, process) in processes)
                if (descendants.Contains(process.Parent) && descendants.Add(pid)) added = true;
        } while (added);
        descendants.Remove(Environment.ProcessId);
        return descendants.Select(pid => (pid, processes[pid].Ticks)).ToList();
    }

    private static int Int(Dictionary<string, string> options, string key, int fallback) =>
        options.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var list = args.ToList();
        var options = new Dictionary<string, string>();
        for (var i = 0; i < list.Count; i++)
            if (list[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < list.Count) options[list[i][2..]] = list[++i];
        return options;
    }
}
