using BenchmarkDotNet.Running;

namespace Ayumi.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, e.g. <c>--filter '*' --job short</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["report", ..]) return ReportMeasure.RunAsync(args[1..]).GetAwaiter().GetResult();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
