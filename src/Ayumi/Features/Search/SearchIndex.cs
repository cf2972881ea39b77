using System.Data.Common;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ayumi.Features.Search;

/// <summary>
/// Keeps the search index (docs/search.md): one document per measure of a published plan (its title, description, objective
/// and departments) and one per entry of a year the public sees (planned work, results, issues and direction, next year's
/// plan, with the year and grade), each with its NFKC text and its two-character tokens. Only what
/// <see cref="Publication"/> shows the public is indexed, so that a search never needs to ask who reads it. The tables are made
/// by the SearchIndex migration outside the EF model: SQLite keeps the tokens in an FTS5 table, PostgreSQL in a
/// <c>tsvector</c> column with a GIN index. The index is derived data and not audited; <c>rebuild-search-index</c> remakes it.
/// </summary>
public static class SearchIndex
{
    /// <summary>The tables of the index, which a copy between databases leaves out and remakes (<c>migrate-to-postgres</c>).</summary>
    public const string TablePrefix = "Search";

    /// <summary>Separates a document's fields: no query holds it, so that no match runs from one field into the next.</summary>
    public const char FieldSeparator = '\n';

    /// <summary>Remakes the whole index in one transaction.</summary>
    public static async Task<int> RebuildAsync(Data.AyumiDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(ct);
            var documents = await RebuildAsync(db.Database.GetDbConnection(), transaction, ct);
            await transaction.CommitAsync(ct);
            return documents;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Remakes the whole index.</summary>
    public static async Task<int> RebuildAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await ExecuteAsync(connection, transaction, IsPostgres(connection) ? """DELETE FROM "SearchDocuments" """ : """DELETE FROM "SearchBigrams"; DELETE FROM "SearchDocuments" """, ct);
        var plans = await IdsAsync(connection, transaction, """SELECT "Id" FROM "Plans" ORDER BY "Id" """, ct);
        var documents = 0;
        foreach (var plan in plans) documents += await RefreshAsync(connection, transaction, [plan], [], [], ct);
        return documents;
    }

    /// <summary>
    /// Replaces the documents of the given organisations' plans, the given plans and the given measures with what is published
    /// of them now; a draft plan or a withdrawn year leaves none. Returns the number of documents written.
    /// </summary>
    public static async Task<int> RefreshAsync(DbConnection connection, DbTransaction? transaction,
        IReadOnlyCollection<int> organisationIds, IReadOnlyCollection<int> planIds, IReadOnlyCollection<int> measureIds, CancellationToken ct)
    {
        if (organisationIds.Count == 0 && planIds.Count == 0 && measureIds.Count == 0) return 0;
        var which = $"""("OrganisationId" IN ({List(organisationIds)}) OR "PlanId" IN ({List(planIds)}) OR "MeasureId" IN ({List(measureIds)}))""";
        if (!IsPostgres(connection))
            await ExecuteAsync(connection, transaction, $"""DELETE FROM "SearchBigrams" WHERE rowid IN (SELECT "Id" FROM "SearchDocuments" WHERE {which})""", ct);
        await ExecuteAsync(connection, transaction, $"""DELETE FROM "SearchDocuments" WHERE {which}""", ct);
        var documents = await PublishedDocumentsAsync(connection, transaction, organisationIds, planIds, measureIds, ct);
        foreach (var document in documents) await InsertAsync(connection, transaction, document, ct);
        return documents.Count;
    }

    public static bool IsPostgres(DbConnection connection) => connection is NpgsqlConnection;

    /// <summary>What the public sees of the measures, read with plain SQL: the index is refreshed in the middle of a save.</summary>
    private static async Task<List<SearchDocument>> PublishedDocumentsAsync(DbConnection connection, DbTransaction? transaction,
        IReadOnlyCollection<int> organisationIds, IReadOnlyCollection<int> planIds, IReadOnlyCollection<int> measureIds, CancellationToken ct)
    {
        var measures = new List<(int Id, int PlanId, int OrganisationId, string Title, string? Description, string? Objective)>();
        await using (var reader = await ReaderAsync(connection, transaction, $"""
            SELECT m."Id", m."PlanId", p."OrganisationId", p."Status", m."Title", m."Description", m."Objective"
            FROM "Measures" m JOIN "Plans" p ON p."Id" = m."PlanId"
            WHERE p."OrganisationId" IN ({List(organisationIds)}) OR m."PlanId" IN ({List(planIds)}) OR m."Id" IN ({List(measureIds)})
            ORDER BY m."Id"
            """, ct))
            while (await reader.ReadAsync(ct))
                if (MemberRoles.Anonymous.SeesPlan(reader.GetInt32(2), Enum.Parse<PlanStatus>(reader.GetString(3))))
                    measures.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(4), Text(reader, 5), Text(reader, 6)));
        if (measures.Count == 0) return [];
        var ids = measures.Select(m => m.Id).ToList();

        var departments = new Dictionary<int, List<string>>();
        await using (var reader = await ReaderAsync(connection, transaction, $"""
            SELECT md."MeasureId", d."Name" FROM "MeasureDepartments" md JOIN "Departments" d ON d."Id" = md."DepartmentId"
            WHERE md."MeasureId" IN ({List(ids)}) ORDER BY md."MeasureId", md."Order"
            """, ct))
            while (await reader.ReadAsync(ct))
                (departments.TryGetValue(reader.GetInt32(0), out var names) ? names : departments[reader.GetInt32(0)] = []).Add(reader.GetString(1));

        var years = new Dictionary<(int Plan, int Year), ReportingStatus>();
        await using (var reader = await ReaderAsync(connection, transaction, $"""
            SELECT "PlanId", "FiscalYear", "Status" FROM "ReportingYears" WHERE "PlanId" IN ({List(measures.Select(m => m.PlanId).Distinct().ToList())})
            """, ct))
            while (await reader.ReadAsync(ct))
                years[(reader.GetInt32(0), reader.GetInt32(1))] = Enum.Parse<ReportingStatus>(reader.GetString(2));

        var byId = measures.ToDictionary(m => m.Id);
        var documents = measures.Select(m => SearchDocument.Of(m.OrganisationId, m.PlanId, m.Id, null, null,
            [m.Title, m.Description, m.Objective, .. departments.GetValueOrDefault(m.Id) ?? []])).ToList();
        await using (var reader = await ReaderAsync(connection, transaction, $"""
            SELECT "MeasureId", "FiscalYear", "Grade", "PlannedWork", "Results", "IssuesAndDirection", "NextYearPlan"
            FROM "YearlyEntries" WHERE "MeasureId" IN ({List(ids)}) ORDER BY "MeasureId", "FiscalYear"
            """, ct))
            while (await reader.ReadAsync(ct))
            {
                var measure = byId[reader.GetInt32(0)];
                var year = reader.GetInt32(1);
                if (!MemberRoles.Anonymous.SeesYear(measure.OrganisationId, years.TryGetValue((measure.PlanId, year), out var status) ? status : null)) continue;
                documents.Add(SearchDocument.Of(measure.OrganisationId, measure.PlanId, measure.Id, year, Text(reader, 2),
                    [Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6)]));
            }
        return documents;
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction? transaction, SearchDocument document, CancellationToken ct)
    {
        var postgres = IsPostgres(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = postgres
            ? """
              INSERT INTO "SearchDocuments" ("OrganisationId", "PlanId", "MeasureId", "FiscalYear", "Grade", "Text", "Tokens")
              VALUES (@organisation, @plan, @measure, @year, @grade, @text, strip(to_tsvector('simple', @tokens)))
              """
            : """
              INSERT INTO "SearchDocuments" ("OrganisationId", "PlanId", "MeasureId", "FiscalYear", "Grade", "Text")
              VALUES (@organisation, @plan, @measure, @year, @grade, @text) RETURNING "Id"
              """;
        Add(command, "organisation", document.OrganisationId);
        Add(command, "plan", document.PlanId);
        Add(command, "measure", document.MeasureId);
        Add(command, "year", document.FiscalYear);
        Add(command, "grade", document.Grade);
        Add(command, "text", document.Text);
        var tokens = string.Join(' ', document.Tokens);
        if (postgres)
        {
            Add(command, "tokens", tokens);
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(ct));
        await using var fts = connection.CreateCommand();
        fts.Transaction = transaction;
        fts.CommandText = """INSERT INTO "SearchBigrams" (rowid, "Tokens") VALUES (@id, @tokens)""";
        Add(fts, "id", id);
        Add(fts, "tokens", tokens);
        await fts.ExecuteNonQueryAsync(ct);
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    /// <summary>Ids written into the statement: they are numbers, and the lists can be longer than a statement's parameters allow.</summary>
    private static string List(IReadOnlyCollection<int> ids) => ids.Count == 0 ? "NULL" : string.Join(',', ids);

    internal static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    internal static async Task<DbDataReader> ReaderAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) Add(command, name, value);
        return await command.ExecuteReaderAsync(ct);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<int>> IdsAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        var ids = new List<int>();
        await using var reader = await ReaderAsync(connection, transaction, sql, ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt32(0));
        return ids;
    }
}

/// <summary>One searchable document: a measure's own text (no year), or a published year's entry of it.</summary>
public sealed record SearchDocument(int OrganisationId, int PlanId, int MeasureId, int? FiscalYear, string? Grade, string Text)
{
    /// <summary>The document of the given fields, each normalised; empty fields are left out.</summary>
    public static SearchDocument Of(int organisationId, int planId, int measureId, int? fiscalYear, string? grade, IEnumerable<string?> fields) =>
        new(organisationId, planId, measureId, fiscalYear, grade,
            string.Join(SearchIndex.FieldSeparator, fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => SearchText.Normalise(f!))));

    /// <summary>The tokens of every field, none across two fields.</summary>
    public IEnumerable<string> Tokens => Text.Split(SearchIndex.FieldSeparator).SelectMany(SearchText.Tokens).Distinct();
}
