using Microsoft.EntityFrameworkCore.Migrations;

namespace Ayumi.Data;

/// <summary>
/// The data step of the <c>BudgetLines</c> migration, kept here rather than in the generated migrations so that a regenerated
/// migration only has to call it: every stored 当初予算額 and 最終予算額 (of entries and of departments' parts) becomes the
/// stated measure total of the initial and final amount of the new budget line, in the JSON the line is stored as; no value
/// is lost. The same SQL runs on SQLite and PostgreSQL.
/// </summary>
public static class BudgetLinesMigration
{
    /// <summary>A plan that never named its funding sources gets the four of <see cref="Domain.BudgetLine.DefaultSources"/>.</summary>
    public const string DefaultSourcesJson = """["国庫","県費","市町村費","その他"]""";

    public static void CarryStoredBudgets(MigrationBuilder migration)
    {
        foreach (var table in new[] { "YearlyEntries", "EntryParts" })
            migration.Sql($"""
                UPDATE "{table}" SET "Budget" = '[' ||
                    CASE WHEN "InitialBudget" IS NULL THEN '' ELSE {Figure("Initial", "InitialBudget")} END ||
                    CASE WHEN "InitialBudget" IS NOT NULL AND "FinalBudget" IS NOT NULL THEN ',' ELSE '' END ||
                    CASE WHEN "FinalBudget" IS NULL THEN '' ELSE {Figure("Final", "FinalBudget")} END || ']'
                WHERE "InitialBudget" IS NOT NULL OR "FinalBudget" IS NOT NULL;
                """);
    }

    /// <summary>Going back keeps the measure's stated initial and final totals, the only budget the old columns can hold.</summary>
    public static void RestoreTotals(MigrationBuilder migration, bool postgres)
    {
        foreach (var table in new[] { "YearlyEntries", "EntryParts" })
            foreach (var (amount, column) in new[] { ("Initial", "InitialBudget"), ("Final", "FinalBudget") })
                migration.Sql(postgres
                    ? $"""
                      UPDATE "{table}" SET "{column}" = (SELECT (f->>'value')::bigint FROM jsonb_array_elements("Budget"::jsonb) f
                          WHERE f->>'amount' = '{amount}' AND f->>'item' IS NULL AND f->>'source' IS NULL);
                      """
                    : $"""
                      UPDATE "{table}" SET "{column}" = (SELECT json_extract(f.value, '$.value') FROM json_each("Budget") f
                          WHERE json_extract(f.value, '$.amount') = '{amount}' AND json_extract(f.value, '$.item') IS NULL AND json_extract(f.value, '$.source') IS NULL);
                      """);
    }

    private static string Figure(string amount, string column) =>
        $$"""'{"amount":"{{amount}}","item":null,"source":null,"value":' || "{{column}}" || '}'""";
}
