using System.Globalization;
using Ayumi.Features.Import;
using Ayumi.Localization;

namespace Ayumi.Tests.Fuzz;

/// <summary>What an importer did with one input: it changed the database, changed nothing, or refused the file with a message.</summary>
public enum FuzzOutcome { Written, Unchanged, Refused }

/// <summary>A seed file of a format: its name (which says where it is imported), the file name it is imported as, its bytes and, for sheets, its rows.</summary>
public sealed record FuzzSeed(string Name, string FileName, byte[] Bytes, List<string[]>? Table = null);

/// <summary>An importer's answer that is not a clear message: a key without text, a message that cannot be formatted, no place.</summary>
public sealed class UnclearMessageException(string message) : Exception(message);

/// <summary>
/// One importer under the fuzzer: its seeds, how they are mutated, and the import path that
/// commits. <see cref="RunAsync"/> returns what the import did; an exception from it is a finding.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The folder name under regressions/ and findings.</summary>
    public abstract string Format { get; }

    public abstract IReadOnlyList<FuzzSeed> Seeds { get; }

    public abstract byte[] Mutate(Random random, FuzzSeed seed);

    /// <summary>Imports <paramref name="content"/> through the path that commits, in a scope of its own.</summary>
    /// <exception cref="UnclearMessageException">The importer answered, but not with a clear message.</exception>
    public abstract Task<FuzzOutcome> RunAsync(IServiceProvider services, FuzzSeed seed, string fileName, byte[] content, CancellationToken cancellationToken);

    /// <summary>The seed a regression file was made from: its name starts with the seed's name.</summary>
    public FuzzSeed SeedOf(string regressionFile) =>
        Seeds.FirstOrDefault(s => Path.GetFileName(regressionFile).StartsWith(s.Name + "-", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{regressionFile}: a regression file's name starts with its seed's name ({string.Join(", ", Seeds.Select(s => s.Name))}) and a hyphen.");

    private static readonly UiText Text = new();

    /// <summary>Every problem has a key with text in both languages that formats with its arguments, and says at least which file.</summary>
    protected static void CheckMessages(IEnumerable<ImportProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (string.IsNullOrWhiteSpace(problem.Where.File)) throw new UnclearMessageException($"{problem.Key}: the problem names no file.");
            foreach (var language in new[] { UiText.Japanese, UiText.English })
            {
                if (!Text.Keys(language).Contains(problem.Key)) throw new UnclearMessageException($"{problem.Key} has no text in {language}.json ({problem.English}).");
                var culture = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
                try
                {
                    var message = ImportReportText.Message(problem, Text);
                    var where = ImportReportText.Location(problem.Where, Text);
                    if (string.IsNullOrWhiteSpace(message) || string.IsNullOrWhiteSpace(where)) throw new UnclearMessageException($"{problem.Key}: empty message in {language}.");
                }
                catch (FormatException e)
                {
                    throw new UnclearMessageException($"{problem.Key} does not format in {language} with its {problem.Arguments.Count} argument(s): {e.Message}");
                }
                finally
                {
                    CultureInfo.CurrentUICulture = culture;
                }
            }
        }
    }
}
