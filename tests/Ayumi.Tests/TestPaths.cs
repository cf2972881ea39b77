using Ayumi.Features.Demo;

namespace Ayumi.Tests;

internal static class TestPaths
{
    /// <summary>The demo seeds and plan files as copied beside the application (from demo/ in the repository).</summary>
    public static string Demo => DemoData.DefaultFolder;

    /// <summary>A path in the repository the tests were built from.</summary>
    public static string InRepository(params string[] parts)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ayumi.sln"))) folder = folder.Parent;
        return Path.Combine([folder?.FullName ?? throw new InvalidOperationException("Ayumi.sln not found above the tests."), .. parts]);
    }

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
