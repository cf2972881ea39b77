using Ayumi.Data;

namespace Ayumi.Features.Search;

/// <summary><c>GET /api/v1/search</c>: the search page's query as JSON.</summary>
public static class SearchApi
{
    public static void MapSearch(this RouteGroupBuilder api) =>
        api.MapGet("/search", async Task<IResult> (string? q, string? prefecture, string? kind, string? population, string? fiscalYear, string? grade, int? page,
            AyumiDbContext db, CancellationToken ct) =>
        {
            if (SearchRequest.From(q, prefecture, kind, population, fiscalYear, grade, page, out var error) is not { } request) return Results.Problem(error, statusCode: 400);
            return Results.Ok(await SearchQuery.RunAsync(db, request, ct));
        }).WithName("Search").Produces<SearchResults>()
          .WithSummary("Searches the published plans of every organisation: measure titles, descriptions and objectives, departments, and the published years' " +
            "planned work, results, issues and direction and next year's plan, as NFKC text (full- and half-width forms meet; any query of one character or more). " +
            "Filters: prefecture (岐阜県), kind (prefecture, municipality, wideAreaUnion), population (under-10k, 10k-50k, 50k-100k, 100k-200k, 200k-500k, 500k-1m, 1m-plus), " +
            "fiscalYear and grade (measures with a published entry of that year or grade); 20 measures a page. Each hit's snippet is HTML, the matches in <mark>.");
}
