namespace Ayumi.Features.Import;

public static class ImportAccess
{
    /// <summary>
    /// The limits of one file, from <c>Ayumi:Import:MaxFileMegabytes</c> (default 20),
    /// <c>Ayumi:Import:MaxUncompressedMegabytes</c> (default 64) and <c>Ayumi:Import:MaxCells</c> (default 2,000,000).
    /// </summary>
    public static Reading.ReadLimits Limits(IConfiguration configuration)
    {
        var defaults = Reading.ReadLimits.Default;
        return new(
            MaxFileBytes: configuration.GetValue("Ayumi:Import:MaxFileMegabytes", defaults.MaxFileBytes / Megabyte) * Megabyte,
            MaxExpandedBytes: configuration.GetValue("Ayumi:Import:MaxUncompressedMegabytes", defaults.MaxExpandedBytes / Megabyte) * Megabyte,
            MaxCells: configuration.GetValue("Ayumi:Import:MaxCells", defaults.MaxCells));
    }

    private const long Megabyte = 1024 * 1024;
}
