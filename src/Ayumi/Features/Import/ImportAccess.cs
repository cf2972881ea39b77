namespace Ayumi.Features.Import;

public static class ImportAccess
{
    /// <summary>The largest file accepted, from <c>Ayumi:Import:MaxFileMegabytes</c> (default 20).</summary>
    public static Reading.ReadLimits Limits(IConfiguration configuration) =>
        new(MaxFileBytes: configuration.GetValue("Ayumi:Import:MaxFileMegabytes", 20L) * 1024 * 1024);
}
