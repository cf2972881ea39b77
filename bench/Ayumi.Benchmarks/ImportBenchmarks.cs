using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using BenchmarkDotNet.Attributes;

namespace Ayumi.Benchmarks;

/// <summary>
/// The in-memory half of an import of the 10,000-measure workbook (<see cref="ImportWorkbook"/>):
/// the raw reader alone, and the reader with <see cref="PlanImporter"/> into a new organisation.
/// The database steps (preview, commit, re-import) are measured by the console mode, <c>-- import</c>.
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup() => _file = ImportWorkbook.Create();

    [Benchmark(Baseline = true)]
    public Workbook Read() => WorkbookReader.Read(ImportWorkbook.FileName, new MemoryStream(_file), ReadLimits.Default);

    [Benchmark]
    public ImportReport ReadAndImport()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse(ImportWorkbook.OrganisationCode), ImportWorkbook.OrganisationName);
        return PlanImporter.Run(organisation, Read(), new ImportOptions());
    }
}
