using System.Data.Common;
using System.Text;
using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayumi.Features.Search;

/// <summary>What is searched for: the words and the filters, as the page's form and the API's query string give them.</summary>
public sealed record SearchRequest(string? Q, string? Prefecture = null, OrganisationKind? Kind = null, PopulationBand? Population = null,
    FiscalYear? FiscalYear = null, string? Grade = null, int Page = 1)
{
    /// <summary>The longest query, in characters.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// The request of a page's form or the API's query string; null with <paramref name="error"/> when a value is not one the
    /// filter knows. <paramref name="kind"/> is prefecture, municipality or wideAreaUnion; <paramref name="population"/> a
    /// <see cref="PopulationBand"/> key; <paramref name="fiscalYear"/> 2024, FY2024, R6 or 令和6年度.
    /// </summary>
    public static SearchRequest? From(string? q, string? prefecture, string? kind, string? population, string? fiscalYear, string? grade, int? page, out string? error)
    {
        error = null;
        if (q?.Length > MaxLength) error = $"A query has at most {MaxLength} characters.";
        OrganisationKind? parsedKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Enum.TryParse<OrganisationKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k)) parsedKind = k;
            else error = $"'{kind}' is not a kind of organisation (prefecture, municipality, wideAreaUnion).";
        }
        var band = PopulationBand.Find(population);
        if (!string.IsNullOrWhiteSpace(population) && band is null)
            error = $"'{population}' is not a population band ({string.Join(", ", PopulationBand.All.Select(b => b.Key))}).";
        FiscalYear? year = null;
        if (!string.IsNullOrWhiteSpace(fiscalYear))
        {
            if (Domain.FiscalYear.TryParse(fiscalYear, out var y)) year = y;
            else error = $"'{fiscalYear}' is not a fiscal year (examples: 2024, FY2024, R6, 令和6年度).";
        }
        if (page < 1) error = "Pages are numbered from 1.";
        return error is null
            ? new SearchRequest(q, string.IsNullOrWhiteSpace(prefecture) ? null : prefecture.Trim(), parsedKind, band, year,
                string.IsNullOrWhiteSpace(grade) ? null : grade.Trim(), page ?? 1)
            : null;
    }

    /// <summary>The query as it is matched: NFKC, trimmed, a line break read as a space (no match runs from one field into the next).</summary>
    public string Normalised => SearchText.Normalise((Q ?? "").Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ')).Trim();
}

/// <summary>One measure found, with where it stands and the passage that matched, marked.</summary>
/// <param name="FiscalYear">The year of the entry the snippet is from; null when it is from the measure's own text.</param>
/// <param name="Snippet">HTML: the passage encoded, each match in <c>&lt;mark&gt;</c>.</param>
public sealed record SearchHit(string OrganisationCode, string OrganisationName, int PlanId, string PlanName, int MeasureId, string MeasureKey,
    string MeasureCode, string Title, int? FiscalYear, string Snippet);

public sealed record SearchResults(string Query, int Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits)
{
    public int Pages => (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// The search of all published plans, the same for the page and the API: the index narrows the candidates by their tokens, a
/// substring match on the normalised text decides (docs/search.md). A measure is found when its own text or the text of one
/// of its published entries holds the query. A fiscal year or grade filter keeps the measures with a published entry of that
/// year or grade, found in their own text or in those entries' text.
/// </summary>
public static class SearchQuery
{
    public const int PageSize = 20;

    public static async Task<SearchResults> RunAsync(AyumiDbContext db, SearchRequest request, CancellationToken ct)
    {
        var query = request.Normalised;
        var page = Math.Max(1, request.Page);
        if (SearchText.QueryTokens(query) is not { } tokens) return new(query, 0, page, PageSize, []);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var (where, parameters) = Conditions(connection, request, query, tokens);

        var measures = new List<int>();
        var total = 0;
        await using (var reader = await SearchIndex.ReaderAsync(connection, transaction, $"""
            SELECT d."MeasureId", COUNT(*) OVER () FROM "SearchDocuments" d JOIN "Organisations" o ON o."Id" = d."OrganisationId"
            WHERE {where}
            GROUP BY d."MeasureId", o."Code", d."PlanId"
            ORDER BY o."Code", d."PlanId", d."MeasureId"
            LIMIT {PageSize} OFFSET {(page - 1) * PageSize}
            """, ct, parameters))
            while (await reader.ReadAsync(ct))
            {
                measures.Add(reader.GetInt32(0));
                total = Convert.ToInt32(reader.GetValue(1));
            }
        if (measures.Count == 0) return new(query, page == 1 ? 0 : await CountAsync(connection, transaction, where, parameters, ct), page, PageSize, []);

        var matched = new Dictionary<int, List<(int? Year, string Text)>>();
        await using (var reader = await SearchIndex.ReaderAsync(connection, transaction, $"""
            SELECT d."MeasureId", d."FiscalYear", d."Text" FROM "SearchDocuments" d JOIN "Organisations" o ON o."Id" = d."OrganisationId"
            WHERE {where} AND d."MeasureId" IN ({string.Join(',', measures)})
            """, ct, parameters))
            while (await reader.ReadAsync(ct))
                (matched.TryGetValue(reader.GetInt32(0), out var list) ? list : matched[reader.GetInt32(0)] = [])
                    .Add((reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2)));

        var loaded = await db.Measures.AsNoTracking().Where(m => measures.Contains(m.Id))
            .Include(m => m.Placements).ThenInclude(p => p.Node).Include(m => m.Plan).ThenInclude(p => p.Organisation)
            .AsSplitQuery().ToDictionaryAsync(m => m.Id, ct);
        var hits = measures.Select(id =>
        {
            var measure = loaded[id];
            // The measure's own text first, then its latest year.
            var (year, text) = matched[id].OrderBy(d => d.Year is null ? 0 : 1).ThenByDescending(d => d.Year).First();
            return new SearchHit(measure.Plan.Organisation.Code.Value, measure.Plan.Organisation.Name, measure.PlanId, measure.Plan.Name, id, measure.Key,
                measure.PrimaryPlacement.FullCode, measure.Title, year, Snippet.Of(text, query));
        }).ToList();
        return new(query, total, page, PageSize, hits);
    }

    private static async Task<int> CountAsync(DbConnection connection, DbTransaction? transaction, string where, (string, object?)[] parameters, CancellationToken ct)
    {
        await using var reader = await SearchIndex.ReaderAsync(connection, transaction, $"""
            SELECT COUNT(DISTINCT d."MeasureId") FROM "SearchDocuments" d JOIN "Organisations" o ON o."Id" = d."OrganisationId" WHERE {where}
            """, ct, parameters);
        return await reader.ReadAsync(ct) ? Convert.ToInt32(reader.GetValue(0)) : 0;
    }

    /// <summary>The WHERE clause over documents <c>d</c> and their organisations <c>o</c>, with its parameters.</summary>
    private static (string Where, (string, object?)[] Parameters) Conditions(DbConnection connection, SearchRequest request, string query, SearchTokens tokens)
    {
        var postgres = SearchIndex.IsPostgres(connection);
        var where = new StringBuilder();
        var parameters = new List<(string, object?)> { ("q", query) };
        if (postgres)
        {
            parameters.Add(("tokens", tokens.IsPrefix ? $"{tokens.Tokens[0]}:*" : string.Join(" & ", tokens.Tokens)));
            where.Append("""d."Tokens" @@ to_tsquery('simple', @tokens) AND strpos(d."Text", @q) > 0""");
        }
        else
        {
            parameters.Add(("tokens", tokens.IsPrefix ? $"{tokens.Tokens[0]}*" : string.Join(' ', tokens.Tokens)));
            where.Append("""d."Id" IN (SELECT rowid FROM "SearchBigrams" WHERE "SearchBigrams" MATCH @tokens) AND instr(d."Text", @q) > 0""");
        }
        if (request.Prefecture is { Length: > 0 } prefecture)
        {
            where.Append(""" AND o."Prefecture" = @prefecture""");
            parameters.Add(("prefecture", prefecture));
        }
        if (request.Kind is { } kind)
        {
            where.Append(""" AND o."Kind" = @kind""");
            parameters.Add(("kind", kind.ToString()));
        }
        if (request.Population is { } band)
        {
            where.Append(""" AND o."Population" >= @populationFrom""");
            parameters.Add(("populationFrom", band.Minimum));
            if (band.Below is { } below)
            {
                where.Append(""" AND o."Population" < @populationBelow""");
                parameters.Add(("populationBelow", below));
            }
        }
        if (request.FiscalYear is not null || request.Grade is { Length: > 0 })
        {
            var entry = new StringBuilder();
            if (request.FiscalYear is { } year)
            {
                entry.Append(""" AND {0}."FiscalYear" = @year""");
                parameters.Add(("year", year.StartYear));
            }
            if (request.Grade is { Length: > 0 } grade)
            {
                entry.Append(""" AND {0}."Grade" = @grade""");
                parameters.Add(("grade", grade));
            }
            where.Append($"""
                 AND ((d."FiscalYear" IS NOT NULL{string.Format(entry.ToString(), "d")})
                  OR (d."FiscalYear" IS NULL AND EXISTS (SELECT 1 FROM "SearchDocuments" e WHERE e."MeasureId" = d."MeasureId" AND e."FiscalYear" IS NOT NULL{string.Format(entry.ToString(), "e")})))
                """);
        }
        return (where.ToString(), parameters.ToArray());
    }
}

/// <summary>The values the search page offers in its filters: those the index holds.</summary>
public sealed record SearchFilterOptions(IReadOnlyList<string> Prefectures, IReadOnlyList<int> FiscalYears, IReadOnlyList<string> Grades)
{
    public static async Task<SearchFilterOptions> ReadAsync(AyumiDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        async Task<List<T>> ListAsync<T>(string sql)
        {
            var values = new List<T>();
            await using var reader = await SearchIndex.ReaderAsync(connection, transaction, sql, ct);
            while (await reader.ReadAsync(ct)) values.Add(reader.GetFieldValue<T>(0));
            return values;
        }
        return new(
            await ListAsync<string>("""
                SELECT DISTINCT o."Prefecture" FROM "Organisations" o
                WHERE o."Prefecture" IS NOT NULL AND EXISTS (SELECT 1 FROM "SearchDocuments" d WHERE d."OrganisationId" = o."Id") ORDER BY o."Prefecture"
                """),
            await ListAsync<int>("""SELECT DISTINCT "FiscalYear" FROM "SearchDocuments" WHERE "FiscalYear" IS NOT NULL ORDER BY "FiscalYear" DESC"""),
            await ListAsync<string>("""SELECT DISTINCT "Grade" FROM "SearchDocuments" WHERE "Grade" IS NOT NULL ORDER BY "Grade" """));
    }
}
