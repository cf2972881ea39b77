using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Ayumi.Features.Backup;

/// <summary>
/// A table of the PostgreSQL database as <see cref="PostgresMove"/> copies it: its columns' types, which convert
/// SQLite's values (integers, text and reals) into PostgreSQL's, and the foreign keys that order tables and rows.
/// </summary>
internal sealed class PostgresTable(string name, IReadOnlyList<PostgresTable.Column> columns)
{
    internal sealed record Column(string Name, string Type, bool IsIdentity);

    private sealed record ForeignKey(string Table, string Column, string ReferencedTable, string ReferencedColumn);

    private const int RowsPerBatch = 500;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private List<ForeignKey> _selfReferences = [];

    public string Name { get; } = name;

    private string Quoted => Quote(Name);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>The tables of the current schema but the migration history, each after the tables it refers to.</summary>
    public static async Task<List<PostgresTable>> ReadAllAsync(NpgsqlConnection connection)
    {
        var columns = new Dictionary<string, List<Column>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""
            SELECT c.table_name, c.column_name, c.data_type, c.is_identity = 'YES'
            FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE '\_\_EF%' AND c.table_name NOT LIKE 'Search%'
            ORDER BY c.table_name, c.ordinal_position
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                if (!columns.TryGetValue(reader.GetString(0), out var list)) columns[reader.GetString(0)] = list = [];
                list.Add(new Column(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
            }
        var keys = new List<ForeignKey>();
        await using (var command = new NpgsqlCommand("""
            SELECT cl.relname, a.attname, rc.relname, ra.attname, array_length(k.conkey, 1)
            FROM pg_constraint k
            JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class rc ON rc.oid = k.confrelid
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
            JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
            WHERE k.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var key = new ForeignKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                // Rows of one table are ordered by a single-column key to themselves; a wider one has no such order here.
                if (key.Table == key.ReferencedTable && reader.GetInt32(4) != 1)
                    throw new NotSupportedException($"{key.Table} refers to itself by a key of several columns, which migrate-to-postgres cannot order.");
                keys.Add(key);
            }
        var tables = columns.Select(c => new PostgresTable(c.Key, c.Value) { _selfReferences = keys.Where(k => k.Table == c.Key && k.ReferencedTable == c.Key).ToList() }).ToList();
        return InDependencyOrder(tables, keys);
    }

    private static List<PostgresTable> InDependencyOrder(List<PostgresTable> tables, List<ForeignKey> keys)
    {
        var parents = tables.ToDictionary(t => t.Name, t => keys.Where(k => k.Table == t.Name && k.ReferencedTable != t.Name).Select(k => k.ReferencedTable).ToHashSet());
        var ordered = new List<PostgresTable>();
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(t => !ordered.Contains(t) && parents[t.Name].All(p => ordered.Any(o => o.Name == p))).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            if (ready.Count == 0)
                throw new NotSupportedException($"The tables {string.Join(", ", tables.Except(ordered).Select(t => t.Name))} refer to each other in a cycle, which migrate-to-postgres cannot order.");
            ordered.AddRange(ready);
        }
        return ordered;
    }

    /// <summary>Every row of the table in the SQLite database, converted to PostgreSQL's types, parents before the rows that refer to them.</summary>
    public async Task<List<object[]>> ReadAsync(DbConnection sqlite)
    {
        var rows = new List<object[]>();
        await using var command = sqlite.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quoted}";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add([.. columns.Select((c, i) => ToPostgres(c, reader.GetValue(i)))]);
        return _selfReferences.Count == 0 ? rows : ParentsFirst(rows);
    }

    private List<object[]> ParentsFirst(List<object[]> rows)
    {
        var references = _selfReferences.Select(k => (Column: IndexOf(k.Column), Referenced: IndexOf(k.ReferencedColumn), Present: new HashSet<object>())).ToList();
        var (pending, ordered) = (rows, new List<object[]>(rows.Count));
        while (pending.Count > 0)
        {
            var ready = pending.Where(row => references.All(r => row[r.Column] is DBNull || r.Present.Contains(row[r.Column]) || row[r.Column].Equals(row[r.Referenced]))).ToList();
            if (ready.Count == 0) throw new InvalidOperationException($"Rows of {Name} refer to each other in a cycle, or to rows that are not there.");
            foreach (var row in ready)
                foreach (var r in references) r.Present.Add(row[r.Referenced]);
            ordered.AddRange(ready);
            pending = pending.Except(ready).ToList();
        }
        return ordered;
    }

    private int IndexOf(string column) => columns.Select((c, i) => (c, i)).Single(x => x.c.Name == column).i;

    /// <summary>Inserts the rows with their own keys, in batches.</summary>
    public async Task InsertAsync(NpgsqlConnection postgres, IReadOnlyList<object[]> rows)
    {
        var insert = $"INSERT INTO {Quoted} ({string.Join(", ", columns.Select(c => Quote(c.Name)))})" +
            (columns.Any(c => c.IsIdentity) ? " OVERRIDING SYSTEM VALUE" : "") +
            $" VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";
        foreach (var chunk in rows.Chunk(RowsPerBatch))
        {
            await using var batch = new NpgsqlBatch(postgres);
            foreach (var row in chunk)
            {
                var command = new NpgsqlBatchCommand(insert);
                foreach (var value in row) command.Parameters.Add(new NpgsqlParameter { Value = value });
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Sets the identity column's sequence after the copied keys, so that the next row gets a new one.</summary>
    public async Task ResetIdentityAsync(NpgsqlConnection postgres)
    {
        if (columns.FirstOrDefault(c => c.IsIdentity) is not { } identity) return;
        await using var command = new NpgsqlCommand(
            $"SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(MAX({Quote(identity.Name)}), 1), MAX({Quote(identity.Name)}) IS NOT NULL) FROM {Quoted}", postgres);
        command.Parameters.Add(new NpgsqlParameter { Value = Quoted });
        command.Parameters.Add(new NpgsqlParameter { Value = identity.Name });
        await command.ExecuteScalarAsync();
    }

    /// <summary>Every row as one line of its values written the same way from either database (UTC instants, numbers without trailing zeros).</summary>
    public async Task<List<string>> CanonicalRowsAsync(DbConnection connection)
    {
        var sqlite = connection is not NpgsqlConnection;
        var rows = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quoted}";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(string.Join('\u001f', columns.Select((c, i) => Canonical(c, sqlite ? ToPostgres(c, reader.GetValue(i)) : reader.GetValue(i)))));
        return rows;
    }

    /// <summary>A SQLite value (integer, real, text or blob, as EF Core's SQLite provider stores each type) as PostgreSQL's column takes it.</summary>
    private object ToPostgres(Column column, object value)
    {
        if (value is DBNull) return value;
        try
        {
            return column.Type switch
            {
                "boolean" => value is string text ? bool.Parse(text) : Convert.ToInt64(value, Invariant) != 0,
                "smallint" => Convert.ToInt16(value, Invariant),
                "integer" => Convert.ToInt32(value, Invariant),
                "bigint" => Convert.ToInt64(value, Invariant),
                "numeric" => value is string text ? decimal.Parse(text, NumberStyles.Float, Invariant) : Convert.ToDecimal(value, Invariant),
                "double precision" => Convert.ToDouble(value, Invariant),
                "real" => Convert.ToSingle(value, Invariant),
                // EF Core writes a DateTimeOffset with its offset and a UTC DateTime without one.
                "timestamp with time zone" => DateTimeOffset.Parse((string)value, Invariant, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
                "timestamp without time zone" => DateTime.Parse((string)value, Invariant),
                "date" => DateOnly.Parse((string)value, Invariant),
                "uuid" => Guid.Parse((string)value),
                "bytea" => (byte[])value,
                "text" or "character varying" or "character" => Convert.ToString(value, Invariant)!,
                _ => throw new NotSupportedException($"{Name}.{column.Name} is of type {column.Type}, which migrate-to-postgres does not convert."),
            };
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{Name}.{column.Name} holds '{value}', which is not a {column.Type}: {e.Message}");
        }
    }

    /// <summary>
    /// A value as a line's field. Times are compared to the microsecond, PostgreSQL's resolution: SQLite's text keeps the
    /// tenth of a microsecond that .NET's clock gives, which PostgreSQL cannot hold.
    /// </summary>
    private static string Canonical(Column column, object value) => value switch
    {
        DBNull => "∅",
        DateTime time when column.Type == "date" => DateOnly.FromDateTime(time).ToString("O", Invariant),
        DateTime time when column.Type == "timestamp with time zone" => ToMicroseconds(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))),
        DateTime time => time.AddTicks(-(time.Ticks % TicksPerMicrosecond)).ToString("O", Invariant),
        DateTimeOffset time => ToMicroseconds(time.ToUniversalTime()),
        decimal number => number.ToString("0.############################", Invariant),
        double number => number.ToString("R", Invariant),
        float number => number.ToString("R", Invariant),
        bool flag => flag ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, Invariant),
        _ => value.ToString() ?? "",
    };

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    private static string ToMicroseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TicksPerMicrosecond)).ToString("O", Invariant);
}
