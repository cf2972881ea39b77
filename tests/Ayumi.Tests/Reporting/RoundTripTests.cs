using System.Net;
using Ayumi.Tests.Import;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Reporting;

/// <summary>Each imported seed, exported in its own layout and imported again, gives back the same plans.</summary>
public sealed class RoundTripTests(SqliteAyumi fixture) : IClassFixture<SqliteAyumi>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });

    public static TheoryData<string, string, string> Sheets => new()
    {
        { "052019", "R3", "xlsx" }, { "052019", "R3", "csv" },
        { "212105", "R6", "xlsx" }, { "212105", "R6", "csv" },
        { "040002", "R5", "xlsx" }, { "040002", "R5", "csv" },
    };

    [Theory]
    [MemberData(nameof(Sheets))]
    public async Task A_seed_exported_in_its_layout_imports_back_to_the_same_data(string code, string year, string format)
    {
        var seed = new[] { SeedFile.Akita, SeedFile.Ena, SeedFile.Miyagi }.Single(s => s.Code == code);
        var response = await _client.GetAsync($"/plans/{await fixture.Factory.PlanIdAsync(code)}/report/{year}?handler={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var exported = await response.Content.ReadAsByteArrayAsync();

        var (original, _) = seed.ImportText();
        var (reimported, report) = seed.ImportFresh($"export.{format}", exported);
        Assert.Empty(report.Errors);
        // The sheet lists measures in the plan's tree order, so departments may be met in another order: compare as sets.
        var (expected, actual) = (Sorted(original), Sorted(reimported));
        Assert.True(expected.SequenceEqual(actual),
            $"only in the seed:\n{string.Join("\n", expected.Except(actual))}\nonly after the round trip:\n{string.Join("\n", actual.Except(expected))}");
    }

    private static List<string> Sorted(Ayumi.Domain.Organisation organisation) =>
        [.. PlanSnapshot.Of(organisation).Select(f => f.ToString()!).Order(StringComparer.Ordinal)];
}
