using Ayumi.Features.Demo;

namespace Ayumi.Tests;

internal static class TestPaths
{
    /// <summary>The demo seeds and plan files as copied beside the application (from demo/ in the repository).</summary>
    public static string Demo => DemoData.DefaultFolder;

    public static string Seed(string file) => Path.Combine(Demo, "seeds", file);

    public static string PlanFile(string file) => Path.Combine(Demo, "plans", file);

    /// <summary>A copy of the demo folder that a test may break without touching the real one.</summary>
    public static string CopyOfDemo()
    {
        var target = Path.Combine(Path.GetTempPath(), "ayumi-demo-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Demo, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Demo, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
