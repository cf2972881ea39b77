using Npgsql;

namespace Ayumi.LoadTest;

/// <summary>CPU seconds used between two <see cref="CpuProbe.Take"/>s.</summary>
/// <remarks><see cref="ServerJit"/> and <see cref="ServerGc"/> are the server's background JIT (tiered compilation) and server-GC threads.</remarks>
public sealed record CpuUse(double MachineBusy, double Server, double Postgres, double Tool, double ServerJit, double ServerGc);

/// <summary>Readings of one moment; subtract two with <see cref="CpuProbe.Between"/>.</summary>
public sealed record CpuReading(double MachineBusy, double Server, double Postgres, double Tool, IReadOnlyDictionary<int, (string Name, double Seconds)> ServerThreads);

/// <summary>
/// Reads CPU time from <c>/proc</c>: the whole machine, the Ayumi server (and its JIT and GC
/// threads), the PostgreSQL postmaster with its backends (its children), and this process.
/// Linux only; zeros elsewhere.
/// </summary>
public sealed class CpuProbe(int serverPid, int postgresPid)
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux (getconf CLK_TCK)

    public CpuReading Take() => new(
        MachineBusy(),
        serverPid > 0 ? Stat($"/proc/{serverPid}/stat")?.Seconds ?? 0 : 0,
        postgresPid > 0 ? PostgresSeconds() : 0,
        System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        serverPid > 0 ? ServerThreads() : new Dictionary<int, (string, double)>());

    /// <summary>
    /// The difference of two readings. Threads come and go (the tiering worker exits when idle),
    /// so thread CPU is summed per thread: a thread that appeared counts from zero, one that ended is lost.
    /// </summary>
    public static CpuUse Between(CpuReading before, CpuReading after)
    {
        double jit = 0, gc = 0;
        foreach (var (tid, (name, seconds)) in after.ServerThreads)
        {
            var used = seconds - (before.ServerThreads.TryGetValue(tid, out var earlier) ? earlier.Seconds : 0);
            if (name.StartsWith(".NET Tiered", StringComparison.Ordinal)) jit += used;
            else if (name.StartsWith(".NET Server GC", StringComparison.Ordinal) || name.StartsWith(".NET BGC", StringComparison.Ordinal)) gc += used;
        }
        return new(after.MachineBusy - before.MachineBusy, after.Server - before.Server, after.Postgres - before.Postgres, after.Tool - before.Tool, jit, gc);
    }

    private static double MachineBusy()
    {
        if (!File.Exists("/proc/stat")) return 0;
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal
        long Field(int i) => long.Parse(cpu[i]);
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / TicksPerSecond;
    }

    private double PostgresSeconds()
    {
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (Stat($"{dir}/stat") is { } stat && (pid == postgresPid || stat.ParentPid == postgresPid)) total += stat.Seconds;
        }
        return total;
    }

    private Dictionary<int, (string Name, double Seconds)> ServerThreads()
    {
        var threads = new Dictionary<int, (string, double)>();
        var tasks = $"/proc/{serverPid}/task";
        if (!Directory.Exists(tasks)) return threads;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            if (!int.TryParse(Path.GetFileName(task), out var tid)) continue;
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (Stat(Path.Combine(task, "stat")) is { } stat) threads[tid] = (name, stat.Seconds);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return threads;
    }

    private static (int ParentPid, double Seconds)? Stat(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            // "pid (comm) state ppid … utime stime …"; comm may hold spaces, so split after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1]), (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>One normalised statement as <c>pg_stat_statements</c> counts it.</summary>
public sealed record StatementRow(string Query, long Calls, double TotalMilliseconds, double PlanMilliseconds);

/// <summary>
/// What PostgreSQL executed during a measured window, from <c>pg_stat_statements</c> when the
/// server was started with <c>shared_preload_libraries=pg_stat_statements</c>; absent otherwise.
/// Planning time is counted when <c>pg_stat_statements.track_planning</c> is on.
/// </summary>
public sealed class StatementStats(NpgsqlDataSource db)
{
    public static async Task<StatementStats?> TryCreateAsync(NpgsqlDataSource db)
    {
        try
        {
            await using (var create = db.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")) await create.ExecuteNonQueryAsync();
            await using (var check = db.CreateCommand("SELECT count(*) FROM pg_stat_statements")) await check.ExecuteScalarAsync();
            return new StatementStats(db);
        }
        catch (PostgresException)
        {
            return null;
        }
    }

    public async Task ResetAsync()
    {
        await using var reset = db.CreateCommand("SELECT pg_stat_statements_reset()");
        await reset.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<StatementRow>> SnapshotAsync()
    {
        await using var command = db.CreateCommand("""
            SELECT query, calls, total_exec_time, total_plan_time FROM pg_stat_statements
            WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY calls DESC, total_exec_time DESC
            """);
        var rows = new List<StatementRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(new StatementRow(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3)));
        return rows;
    }
}
