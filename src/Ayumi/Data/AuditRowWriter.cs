using System.Data.Common;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayumi.Data;

/// <summary>
/// Inserts audit rows with a plain multi-row INSERT on the context's connection and
/// transaction, without tracking them. An import adds tens of thousands of records, each
/// audited; going through EF Core's change tracker and one INSERT … RETURNING per row cost
/// more than the import's own save. Table, columns and value conversions come from the EF
/// model, so the rows are the ones EF Core would have written, on SQLite and PostgreSQL alike.
/// </summary>
internal static class AuditRowWriter
{
    /// <summary>
    /// Rows per statement: few enough that SQLite's by-name parameter binding (every parameter
    /// looked up for each statement) stays cheap, enough to save PostgreSQL round trips.
    /// Parameters are named as they are written (@p0), or SQLite tries each prefix in turn.
    /// </summary>
    private const int RowsPerStatement = 10;

    public static async Task InsertAsync(DbContext context, IReadOnlyList<AuditEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var entityType = context.Model.FindEntityType(typeof(AuditEntry))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // Every column but the generated id.
        var columns = entityType.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping())).ToList();
        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = context.Database.GetDbConnection();
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction();

        // One command for the full statements, its parameters refilled for each: SQLite then
        // prepares the statement once. (Replacing the parameter objects instead made Npgsql send
        // an earlier statement's values.) The rows left over get a command of their own.
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                var command = count == RowsPerStatement ? full ??= Command(count) : Command(count);
                for (var row = 0; row < count; row++)
                    for (var column = 0; column < columns.Count; column++)
                    {
                        var (property, _, mapping) = columns[column];
                        command.Parameters[row * columns.Count + column].Value = ProviderValue(mapping, property.GetGetter().GetClrValue(rows[start + row]));
                    }
                await command.ExecuteNonQueryAsync(cancellationToken);
                if (command != full) await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }

        DbCommand Command(int count)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = InsertSql(sql, table, columns.Select(c => c.Name).ToList(), count);
            for (var row = 0; row < count; row++)
                foreach (var (property, _, mapping) in columns)
                    command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName($"p{command.Parameters.Count}"), null, property.IsNullable));
            return command;
        }
    }

    /// <summary>The value as the column stores it: through the property's conversion, enums as their numbers when there is none.</summary>
    internal static object ProviderValue(RelationalTypeMapping mapping, object? value)
    {
        if (value is null) return DBNull.Value;
        if (mapping.Converter is { } converter) return converter.ConvertToProvider(value) ?? DBNull.Value;
        return value is Enum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value;
    }

    private static string InsertSql(ISqlGenerationHelper sql, StoreObjectIdentifier table, List<string> columns, int rows)
    {
        var text = new System.Text.StringBuilder("INSERT INTO ")
            .Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (").AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c))).Append(") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            if (row > 0) text.Append(", ");
            text.Append('(').AppendJoin(", ", columns.Select((_, column) => sql.GenerateParameterName($"p{row * columns.Count + column}"))).Append(')');
        }
        return text.ToString();
    }
}
