namespace Ayumi.Features.Import;

/// <summary>Where in an imported file something was found. Row is 1-based, Column 0-based (printed as A, B, …).</summary>
/// <remarks>Columns are written through <see cref="Domain.WrittenForms.ColumnLetters"/>.</remarks>
public sealed record SourceLocation(string File, string? Sheet = null, int? Row = null, int? Column = null);

public enum ProblemSeverity { Error, Warning }

/// <summary>
/// Something wrong or noteworthy in an imported file. <see cref="Key"/> names the message in
/// Localization/*.json (<c>import.…</c>, or the <c>domain.…</c> key of a refused domain rule) and <see cref="Arguments"/> fill its
/// {0}, {1}…; <see cref="English"/> is the same message for logs and exceptions.
/// </summary>
public sealed record ImportProblem(ProblemSeverity Severity, SourceLocation Where, string Key, IReadOnlyList<object> Arguments, string English)
{
    public static ImportProblem Error(SourceLocation where, string key, string english, params object[] arguments) =>
        new(ProblemSeverity.Error, where, key, arguments, english);

    public static ImportProblem Warning(SourceLocation where, string key, string english, params object[] arguments) =>
        new(ProblemSeverity.Warning, where, key, arguments, english);
}

/// <summary>A file that cannot be read at all: not a spreadsheet, corrupt, encrypted, too large, empty.</summary>
/// <param name="cause">The library's own exception, kept for the logs.</param>
public sealed class ImportFileException(ImportProblem problem, Exception? cause = null) : Exception(problem.English, cause)
{
    public ImportProblem Problem { get; } = problem;
}
