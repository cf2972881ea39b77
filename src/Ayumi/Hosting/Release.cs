using System.Reflection;

namespace Ayumi.Hosting;

/// <summary>The release this program is (Ayumi.csproj's Version, recorded in CHANGELOG.md).</summary>
public static class Release
{
    public static string Version { get; } =
        typeof(Release).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
