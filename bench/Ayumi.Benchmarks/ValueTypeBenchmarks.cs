using Ayumi.Domain;
using BenchmarkDotNet.Attributes;

namespace Ayumi.Benchmarks;

/// <summary>Parsing of the value types that every seed reader and form field goes through.</summary>
[MemoryDiagnoser]
public class ValueTypeBenchmarks
{
    public static IEnumerable<string> FiscalYearForms => ["令和6年度", "R6", "Ｒ６", "H29", "2024年度", "FY2024"];

    public static IEnumerable<string> MeasureCodeForms => ["1-(1)-①", "1-1-1", "行動7-イ-3", "⑩"];

    private string _budgetCell = "";

    [GlobalSetup]
    public void Setup() => _budgetCell = "3,242,800";

    [Benchmark]
    [ArgumentsSource(nameof(FiscalYearForms))]
    public FiscalYear FiscalYearParse(string text) => FiscalYear.Parse(text);

    [Benchmark]
    [ArgumentsSource(nameof(MeasureCodeForms))]
    public MeasureCode MeasureCodeParse(string text) => MeasureCode.Parse(text);

    [Benchmark]
    public ThousandYen? ThousandYenParseCell() => ThousandYen.ParseCell(_budgetCell);
}
