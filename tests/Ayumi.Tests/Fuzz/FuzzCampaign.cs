using System.Diagnostics;
using System.Security.Cryptography;
using Ayumi.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Fuzz;

/// <summary>An input that broke the property: what happened, and the file it was kept in.</summary>
public sealed record FuzzFinding(string Input, string What);

/// <summary>
/// Runs a target's mutated inputs against a database for a time budget, and checks each one:
/// an answer (a result or the importer's own message) within <see cref="PerInputLimit"/>, no
/// exception, and when the answer is not a written import, the database exactly as before.
/// Iteration <c>i</c> of seed <c>s</c> draws from <c>new Random(s * 1,000,003 + i)</c>, so a run is repeatable.
/// </summary>
public sealed class FuzzCampaign(FuzzTarget target, IServiceProvider services)
{
    public static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(10);

    /// <summary>Seconds per format: AYUMI_FUZZ_SECONDS, 60 by default.</summary>
    public static TimeSpan Budget =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("AYUMI_FUZZ_SECONDS"), out var seconds) && seconds > 0 ? seconds : 60);

    /// <summary>
    /// Inputs per format at the most: AYUMI_FUZZ_INPUTS, 3,000 by default. Seed 0's first 4,829 to 10,001 inputs of each format
    /// were checked when the fuzzers came in, so the suite's run is the same on a faster machine and cannot fail CI with a new
    /// find; a longer hunt raises this, the budget or the seed.
    /// </summary>
    public static int MaxInputs =>
        int.TryParse(Environment.GetEnvironmentVariable("AYUMI_FUZZ_INPUTS"), out var inputs) && inputs > 0 ? inputs : 3_000;

    /// <summary>The first random seed: AYUMI_FUZZ_SEED, 0 by default.</summary>
    public static int FirstSeed => int.TryParse(Environment.GetEnvironmentVariable("AYUMI_FUZZ_SEED"), out var seed) ? seed : 0;

    /// <summary>Where failing inputs are written: AYUMI_FUZZ_FINDINGS, else a folder in the temporary folder.</summary>
    public static string FindingsFolder =>
        Environment.GetEnvironmentVariable("AYUMI_FUZZ_FINDINGS") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "ayumi-fuzz-findings");

    public int Inputs { get; private set; }
    public Dictionary<FuzzOutcome, int> Outcomes { get; } = [];
    public List<FuzzFinding> Findings { get; } = [];
    public TimeSpan Slowest { get; private set; }

    /// <summary>The database's fingerprint after the last input that did not write, so that it is not taken twice.</summary>
    private string? _known;

    public async Task RunAsync(TimeSpan budget, int seed)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < budget && i < MaxInputs; i++)
        {
            var random = new Random(unchecked(seed * 1_000_003 + i));
            var source = target.Seeds[random.Next(target.Seeds.Count)];
            var input = target.Mutate(random, source);
            var finding = await CheckAsync(source, source.FileName, input);
            Inputs++;
            if (finding is null) continue;
            var kept = Keep(source, input);
            Findings.Add(new FuzzFinding(kept, $"seed {seed}, iteration {i}: {finding}"));
            // A hung import may still be running: stop here rather than fuzz beside it.
            if (finding.StartsWith("hang", StringComparison.Ordinal)) break;
        }
    }

    /// <summary>Null when the input kept the property; else what went wrong.</summary>
    public async Task<string?> CheckAsync(FuzzSeed seed, string fileName, byte[] input)
    {
        var before = _known ?? await FingerprintAsync();
        _known = null;
        var clock = Stopwatch.StartNew();
        FuzzOutcome outcome;
        var run = Task.Run(() => target.RunAsync(services, seed, fileName, input, CancellationToken.None));
        try
        {
            outcome = await run.WaitAsync(PerInputLimit);
        }
        catch (TimeoutException)
        {
            return $"hang: no answer within {PerInputLimit.TotalSeconds:F0} s";
        }
        catch (UnclearMessageException e)
        {
            return $"unclear message: {e.Message}";
        }
        catch (Exception e)
        {
            return $"unhandled {e.GetType().FullName}: {e.Message}\n" + string.Join('\n', (e.StackTrace ?? "").Split('\n').Take(6));
        }
        if (clock.Elapsed > Slowest) Slowest = clock.Elapsed;
        Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
        if (outcome == FuzzOutcome.Written) return null;
        var after = _known = await FingerprintAsync();
        return after == before ? null : $"half-written: the import answered {outcome}, yet the database changed ({Difference(before, after)})";
    }

    private string Keep(FuzzSeed seed, byte[] input)
    {
        var folder = Path.Combine(FindingsFolder, target.Format);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{seed.Name}-{Convert.ToHexStringLower(SHA256.HashData(input))[..12]}{Path.GetExtension(seed.FileName)}");
        File.WriteAllBytes(path, input);
        return path;
    }

    /// <summary>
    /// The number of rows of every table of the model. Every change made through EF is audited in
    /// the same transaction (<see cref="AuditInterceptor"/>), so an update shows in the audit
    /// table's count and an insert or delete in its own table's.
    /// </summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var counts = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        return string.Join(' ', counts);
    }

    private static string Difference(string before, string after) =>
        string.Join(", ", before.Split(' ').Zip(after.Split(' ')).Where(p => p.First != p.Second).Select(p => $"{p.First} → {p.Second.Split('=')[1]}"));
}
