using BenchmarkDotNet.Running;

namespace Ayumi.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g. <c>--filter '*' --job short</c>;
/// <c>import</c> runs the import benchmark's console mode instead (<see cref="ImportMeasure"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "import") return await ImportMeasure.RunAsync(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
