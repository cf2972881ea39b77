using System.CommandLine;
using Ayumi.Domain;

namespace Ayumi.Hosting;

/// <summary>What every verb is given: the folder it was called from, and the configuration arguments for its host.</summary>
/// <param name="Caller">The folder against which a relative path is resolved.</param>
/// <param name="Configuration">The <c>--Key=value</c> arguments, read by the verb's host as settings.</param>
public sealed record VerbContext(string Caller, IReadOnlyList<string> Configuration)
{
    public string FromCaller(string path) => Path.GetFullPath(path, Caller);

    /// <summary>The verb's host (<see cref="VerbHost"/>), with the database's schema brought up to date.</summary>
    public Task<IHost> OpenDatabaseAsync() => VerbHost.OpenDatabaseAsync([.. Configuration]);
}

/// <summary>The options several verbs share, parsed into Ayumi's own types so that a wrong value is an error in the arguments (exit 2).</summary>
public static class VerbOptions
{
    public static Option<LocalGovernmentCode> Organisation(string description = "the organisation's six-digit local government code (e.g. 212105)") => new("--org")
    {
        Description = description,
        Required = true,
        HelpName = "CODE",
        CustomParser = result =>
        {
            if (LocalGovernmentCode.TryParse(result.Tokens.Single().Value, out var code, out var reason)) return code;
            result.AddError(reason);
            return null;
        },
    };

    public static Option<FiscalYear?> Year(string description, bool required) => new("--year")
    {
        Description = description,
        Required = required,
        HelpName = "FY",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (FiscalYear.TryParse(text, out var year)) return year;
            result.AddError($"'{text}' is not a fiscal year (令和6年度, R6, FY2024…).");
            return null;
        },
    };

    public static Option<string> Plan(string description) => new("--plan") { Description = description, HelpName = "NAME" };

    public static Option<bool> IncludeUnpublished(string description) => new("--include-unpublished") { Description = description };

    /// <summary>A file to write, relative to the caller's folder.</summary>
    public static Option<string> Output(VerbContext context, string description) => new("--out")
    {
        Description = description,
        Required = true,
        HelpName = "FILE",
        CustomParser = result => context.FromCaller(result.Tokens.Single().Value),
    };

    /// <summary>A file to read, relative to the caller's folder, that must exist.</summary>
    public static Argument<string> ExistingFile(VerbContext context, string description) => new("FILE")
    {
        Description = description,
        CustomParser = result =>
        {
            var path = context.FromCaller(result.Tokens.Single().Value);
            if (!File.Exists(path)) result.AddError($"{path} does not exist.");
            return path;
        },
    };

    public static Option<string> Email(string description = "the account's e-mail address") =>
        new("--email") { Description = description, Required = true, HelpName = "EMAIL" };
}
