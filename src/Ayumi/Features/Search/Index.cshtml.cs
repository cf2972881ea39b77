using Ayumi.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ayumi.Features.Search;

/// <summary>The search of all published plans (<see cref="SearchQuery"/>, the API's query), for everyone.</summary>
public sealed class IndexModel(AyumiDbContext db) : PageModel
{
    public string? Q { get; private set; }
    public string? Prefecture { get; private set; }
    public string? Kind { get; private set; }
    public string? Population { get; private set; }
    public string? FiscalYear { get; private set; }
    public string? Grade { get; private set; }
    public SearchResults? Results { get; private set; }
    public bool Invalid { get; private set; }
    public SearchFilterOptions Options { get; private set; } = new([], [], []);

    public async Task OnGetAsync(string? q, string? prefecture, string? kind, string? population, string? fiscalYear, string? grade,
        // "page" is Razor Pages' own route value (the page's path); the query string's page number is read by name.
        [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        (Q, Prefecture, Kind, Population, FiscalYear, Grade) = (q, prefecture, kind, population, fiscalYear, grade);
        Options = await SearchFilterOptions.ReadAsync(db, ct);
        if (string.IsNullOrWhiteSpace(q)) return;
        var request = SearchRequest.From(q, prefecture, kind, population, fiscalYear, grade, pageNumber, out _);
        if (request is null)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Results = await SearchQuery.RunAsync(db, request, ct);
    }

    /// <summary>This search's address on another page.</summary>
    public string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["prefecture"] = Prefecture, ["kind"] = Kind, ["population"] = Population, ["fiscalYear"] = FiscalYear, ["grade"] = Grade,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent() is var query ? "/search" + query : "/search";
}
