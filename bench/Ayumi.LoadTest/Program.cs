using System.Globalization;

namespace Ayumi.LoadTest;

/// <summary>
/// Load tests: <c>prepare</c> fills a database through Ayumi's own code; <c>run</c> drives a
/// running Ayumi server and a minimal baseline endpoint with the same number of closed-loop
/// virtual users saving (<c>bench/load-saves.sh</c>); <c>deadline</c> runs deadline week's
/// department users and anonymous readers (<c>bench/deadline.sh</c>).
/// </summary>
public static class Program
{
    private const string Usage = """
        Usage:
          Ayumi.LoadTest prepare [--connection CS] [--users 200] [--year FY2025] --out FILE
              Migrates the PostgreSQL database, loads the demo data with Ayumi's own code,
              opens the year on as many plans as needed for one part per user, creates the
              department editors and writes "email<TAB>partId" lines to FILE.
          Ayumi.LoadTest run [--connection CS] --users-file FILE --target URL
                             [--baseline-port 5446] [--users 200] [--warmup 15] [--max-warmup 90]
                             [--baseline-warmup 10] [--duration 30]
                             [--think-ms 0] [--server-pid PID] [--postgres-pid PID]
                             [--baseline-pool 200] [--skip-baseline]
              Signs the users in at URL, runs the closed loop of saves, then the same against
              the minimal endpoint it hosts on 127.0.0.1:PORT, and prints a Markdown summary.
              With --server-pid the warm-up lasts from --warmup until the server's tiered-JIT
              thread is quiet (under 5 % of a core for 5 s), at most --max-warmup seconds.
              --think-ms T makes each user wait 0.5–1.5 × T (random) between saves, and start
              at a random moment within T.
          Ayumi.LoadTest deadline [--provider postgres|sqlite] [--connection CS] --target URL --users-file FILE
                                  --readers-file FILE [--users 500] [--warmup-users 40] [--readers 50]
                                  [--ramp 30] [--think-ms 1000] [--max-seconds 300]
              Deadline week (bench/deadline.sh): the first --warmup-users of FILE run the steps
              first, unmeasured; then --users department users, starting within --ramp seconds,
              sign in, load /my, open their part, save it twice and submit it, thinking
              0.5–1.5 × --think-ms between steps, while --readers anonymous readers open the
              pages of the readers file. Prints each step's p50/p95/p99, the errors, and the
              lost updates found by reading every part back. prepare --provider and
              --readers-out FILE make both files.
        The connection string comes from --connection or AYUMI_LOAD_POSTGRES.
        """;

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = Options.Parse(args[1..]);
            var connection = options.Get("connection") ?? Environment.GetEnvironmentVariable("AYUMI_LOAD_POSTGRES")
                ?? throw new UsageException("give the PostgreSQL connection string with --connection or AYUMI_LOAD_POSTGRES.");
            switch (args[0])
            {
                case "prepare":
                    await Prepare.RunAsync(options.Get("provider") ?? "postgres", connection, options.Int("users", 200), options.Get("year") ?? "FY2025",
                        options.Get("out") ?? throw new UsageException("prepare needs --out FILE."), options.Get("readers-out"));
                    return 0;
                case "run":
                    var settings = new RunSettings(
                        connection,
                        new Uri(options.Get("target") ?? throw new UsageException("run needs --target URL.")),
                        options.Get("users-file") ?? throw new UsageException("run needs --users-file FILE."),
                        options.Int("users", 200),
                        options.Int("baseline-port", 5446),
                        TimeSpan.FromSeconds(options.Int("warmup", 15)),
                        TimeSpan.FromSeconds(options.Int("max-warmup", 90)),
                        TimeSpan.FromSeconds(options.Int("baseline-warmup", 10)),
                        TimeSpan.FromSeconds(options.Int("duration", 30)),
                        TimeSpan.FromMilliseconds(options.Int("think-ms", 0)),
                        options.Int("server-pid", 0),
                        options.Int("postgres-pid", 0),
                        options.Int("baseline-pool", 200),
                        options.Flag("skip-baseline"));
                    return await LoadRun.RunAsync(settings);
                case "deadline":
                    return await DeadlineRun.RunAsync(new DeadlineSettings(
                        options.Get("provider") ?? "postgres",
                        connection,
                        new Uri(options.Get("target") ?? throw new UsageException("deadline needs --target URL.")),
                        options.Get("users-file") ?? throw new UsageException("deadline needs --users-file FILE."),
                        options.Get("readers-file") ?? throw new UsageException("deadline needs --readers-file FILE."),
                        options.Int("users", 500),
                        options.Int("warmup-users", 40),
                        options.Int("readers", 50),
                        TimeSpan.FromSeconds(options.Int("ramp", 30)),
                        TimeSpan.FromMilliseconds(options.Int("think-ms", 1000)),
                        TimeSpan.FromSeconds(options.Int("max-seconds", 300))));
                default:
                    throw new UsageException($"unknown verb '{args[0]}'.");
            }
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}\n{Usage}");
            return 2;
        }
    }
}

public sealed class UsageException(string message) : Exception(message);

/// <summary><c>--name value</c> or <c>--name=value</c> pairs, and bare <c>--flag</c>s.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unexpected argument '{args[i]}'.");
            var name = args[i][2..];
            var equals = name.IndexOf('=');
            if (equals >= 0) options._values[name[..equals]] = name[(equals + 1)..];
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) options._values[name] = args[++i];
            else options._values[name] = null;
        }
        return options;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.ContainsKey(name);

    public int Int(string name, int fallback) =>
        Get(name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : throw new UsageException($"--{name} must be a whole number, not '{text}'.")
            : fallback;
}
