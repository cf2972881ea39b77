using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayumi.Data;

/// <summary>
/// Inserts the records a save adds with one INSERT per table, prepared once and run row after
/// row, instead of EF Core's generated statement and modification command for each record.
/// An import adds tens of thousands of records; EF Core built and held a command for every
/// one of them before it sent the first (more than half of a 10,000-measure commit's time,
/// and most of its memory). Tables are written principals first, a table's own rows parents
/// first; generated keys come back through RETURNING and are set on the tracked entries, which
/// lets EF Core carry them into the dependents' foreign keys. The entries are then unchanged,
/// and EF Core's own save goes on with whatever was modified or deleted.
/// </summary>
/// <remarks>
/// Table, columns and value conversions come from the EF model, so the rows are the ones EF
/// Core would have written, on SQLite and PostgreSQL alike. Only for saves that ask for it
/// (<see cref="AyumiDbContext.InsertAddedRecordsInBulk"/>) and run in a transaction: a failed
/// save leaves the inserted entries unchanged, so such a context is discarded, not retried.
/// </remarks>
internal static class AddedRowWriter
{
    /// <summary>Inserts <paramref name="added"/>; when their tables depend on each other in a circle, writes nothing and leaves them to EF Core.</summary>
    public static async Task InsertAsync(DbContext context, IReadOnlyList<EntityEntry> added, CancellationToken cancellationToken)
    {
        var byType = added.GroupBy(e => e.Metadata).ToDictionary(g => g.Key, g => g.ToList());
        if (PrincipalsFirst(byType.Keys) is not { } order) return;
        foreach (var type in order)
            await new TableInsert(context, type).RunAsync(ParentsFirst(type, byType[type]), cancellationToken);
        foreach (var entry in added) entry.State = EntityState.Unchanged;
    }

    private static List<IEntityType>? PrincipalsFirst(IEnumerable<IEntityType> types)
    {
        var pending = types.ToHashSet();
        var order = new List<IEntityType>();
        while (pending.Count > 0)
        {
            var ready = pending.Where(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || !pending.Contains(fk.PrincipalEntityType))).ToList();
            if (ready.Count == 0) return null;
            order.AddRange(ready);
            pending.ExceptWith(ready);
        }
        return order;
    }

    /// <summary>The entries of one table ordered so that a row referring to another new row of the same table (a parent department, a parent node) comes after it.</summary>
    private static List<EntityEntry> ParentsFirst(IEntityType type, List<EntityEntry> entries)
    {
        var selfReferences = type.GetForeignKeys().Where(fk => fk.PrincipalEntityType == type).ToList();
        if (selfReferences.Count == 0) return entries;
        var byKey = new Dictionary<object, EntityEntry>();
        var key = type.FindPrimaryKey()!.Properties.Single();
        foreach (var entry in entries) byKey[entry.Property(key.Name).CurrentValue!] = entry;
        var ordered = new List<EntityEntry>(entries.Count);
        var placed = new HashSet<EntityEntry>();
        void Place(EntityEntry entry, int depth)
        {
            if (placed.Contains(entry)) return;
            if (depth > entries.Count) throw new InvalidOperationException($"The new {type.ClrType.Name} records refer to each other in a circle.");
            foreach (var fk in selfReferences)
                if (entry.Property(fk.Properties.Single().Name).CurrentValue is { } parentKey && byKey.TryGetValue(parentKey, out var parent) && parent != entry)
                    Place(parent, depth + 1);
            placed.Add(entry);
            ordered.Add(entry);
        }
        foreach (var entry in entries) Place(entry, 0);
        return ordered;
    }

    /// <summary>One prepared INSERT for a table, its parameters refilled for each row.</summary>
    private sealed class TableInsert
    {
        private readonly DbContext _context;
        private readonly List<(IProperty Property, RelationalTypeMapping Mapping)> _columns;
        private readonly IProperty? _generatedKey;
        private readonly string _sql;

        public TableInsert(DbContext context, IEntityType type)
        {
            _context = context;
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var mapped = type.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
            _generatedKey = mapped.SingleOrDefault(p => p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd);
            _columns = mapped.Where(p => p != _generatedKey).Select(p => (p, p.GetRelationalTypeMapping())).ToList();
            var sql = context.GetService<ISqlGenerationHelper>();
            var text = new System.Text.StringBuilder("INSERT INTO ")
                .Append(sql.DelimitIdentifier(table.Name, table.Schema))
                .Append(" (").AppendJoin(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))
                .Append(") VALUES (").AppendJoin(", ", _columns.Select((_, i) => sql.GenerateParameterName($"p{i}"))).Append(')');
            if (_generatedKey is not null) text.Append(" RETURNING ").Append(sql.DelimitIdentifier(_generatedKey.GetColumnName(table)!));
            _sql = text.ToString();
        }

        public async Task RunAsync(List<EntityEntry> entries, CancellationToken cancellationToken)
        {
            var sql = _context.GetService<ISqlGenerationHelper>();
            await using var command = _context.Database.GetDbConnection().CreateCommand();
            command.Transaction = _context.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Added records are inserted in bulk only inside a transaction.");
            command.CommandText = _sql;
            for (var i = 0; i < _columns.Count; i++)
                command.Parameters.Add(_columns[i].Mapping.CreateParameter(command, sql.GenerateParameterName($"p{i}"), null, _columns[i].Property.IsNullable));
            foreach (var entry in entries)
            {
                var values = entry.CurrentValues;
                for (var i = 0; i < _columns.Count; i++)
                    command.Parameters[i].Value = AuditRowWriter.ProviderValue(_columns[i].Mapping, values[_columns[i].Property]);
                if (_generatedKey is null)
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    continue;
                }
                var key = await command.ExecuteScalarAsync(cancellationToken);
                entry.Property(_generatedKey).CurrentValue = Convert.ChangeType(key, _generatedKey.ClrType, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
