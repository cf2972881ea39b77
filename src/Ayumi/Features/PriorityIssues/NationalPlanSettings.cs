using Ayumi.Domain;

namespace Ayumi.Features.PriorityIssues;

/// <summary>The national plan's reference tree an installation uses: the shipped one, with its own file applied when it has one.</summary>
public static class NationalPlanSettings
{
    /// <summary>The setting that names an installation's reference file (docs/priority-issues.md).</summary>
    public const string FileSetting = "Ayumi:NationalPlanFile";

    /// <exception cref="InvalidOperationException">The file named by the setting is missing or is not a reference tree; the server does not start on it.</exception>
    public static NationalPlanReference Reference(IConfiguration configuration)
    {
        var shipped = NationalPlanReference.Shipped();
        if (configuration[FileSetting] is not { Length: > 0 } path) return shipped;
        if (!File.Exists(path)) throw new InvalidOperationException($"{FileSetting}: the file '{path}' does not exist.");
        try { return shipped.With(File.ReadAllBytes(path)); }
        catch (FormatException e) { throw new InvalidOperationException($"{FileSetting}: {path}: {e.Message}", e); }
    }
}
