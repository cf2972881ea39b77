using BenchmarkDotNet.Running;

namespace Ayumi.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g. <c>--filter '*' --job short</c>;
/// <c>import</c> and <c>report</c> run the console modes of the import and report benchmarks instead;
/// <c>uploads FOLDER</c> writes the crafted uploads of issue 15 there, to time them against the <c>import</c> command.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["import", ..]) return await ImportMeasure.RunAsync(args[1..]);
        if (args is ["report", ..]) return await ReportMeasure.RunAsync(args[1..]);
        if (args is ["uploads", var folder]) return CraftedUploadFiles.Write(folder);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
