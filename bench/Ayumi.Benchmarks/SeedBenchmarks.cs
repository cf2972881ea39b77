using Ayumi.Domain;
using Ayumi.Features.Demo;
using Ayumi.Features.PlanFiles;
using BenchmarkDotNet.Attributes;

namespace Ayumi.Benchmarks;

/// <summary>
/// Reading the five demo documents, and writing and reading back Komae City's plans in the
/// Ayumi plan file format.
/// </summary>
[MemoryDiagnoser]
public class SeedBenchmarks
{
    private const string KomaeCode = "132195";

    private string _folder = "";
    private Organisation _komae = null!;
    private List<Plan> _komaePlans = [];
    private byte[] _komaeFile = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = DemoData.DefaultFolder;
        if (!Directory.Exists(_folder))
            throw new DirectoryNotFoundException($"The demo folder {_folder} is missing: it should be copied beside the benchmark assembly.");
        _komae = DemoData.Read(_folder).Organisations.Single(o => o.Code.Value == KomaeCode);
        _komaePlans = [.. _komae.Plans.OrderBy(p => p.Generation)];
        _komaeFile = PlanFileWriter.Write(_komae, _komaePlans);
    }

    /// <summary>All five seeds: three text transcriptions and two plan files.</summary>
    [Benchmark]
    public int DemoDataRead() => DemoData.Read(_folder).Organisations.Count;

    [Benchmark]
    public byte[] KomaeWrite() => PlanFileWriter.Write(_komae, _komaePlans);

    [Benchmark]
    public Organisation KomaeLoad() => PlanFileReader.Load("komae-city.ayumi.json", _komaeFile, null);

    /// <summary>Write, then load what was written.</summary>
    [Benchmark]
    public Organisation KomaeRoundTrip() => PlanFileReader.Load("komae-city.ayumi.json", PlanFileWriter.Write(_komae, _komaePlans), null);
}
