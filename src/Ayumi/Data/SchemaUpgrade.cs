using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayumi.Data;

public static class SchemaUpgrade
{
    /// <summary>
    /// Applies the migrations this build holds. EF Core reads the migration history before it creates the history table,
    /// and logs that read's failure on a fresh PostgreSQL database as an error (<c>fail:</c>) although nothing failed
    /// (dotnet/efcore#37328): the table is made first, so that an error in the log is a real one. A database that has
    /// every migration is left alone: Migrate compares the model with the migrations' snapshot even then, which took
    /// 1.5-2 s of every verb's and every start's time.
    /// </summary>
    public static async Task UpgradeSchemaAsync(this AyumiDbContext db, CancellationToken ct = default)
    {
        if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct))
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Except(db.Database.GetMigrations()).ToList();
            if (unknown.Count > 0)
                throw new InvalidOperationException(
                    $"The database was made by another build of Ayumi: its schema has migrations this release does not know ({string.Join(", ", unknown)}). " +
                    "A database of a development build before 1.0.0 is recreated: export its plans with that build (export-plan --include-unpublished), " +
                    "start this release on an empty database and load-plan them (README.md, 'Configuration'). A database of a newer release needs that release.");
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count == 0) return;
            await db.Database.MigrateAsync(ct);
            // The search index starts empty: an upgraded database's published plans are indexed once.
            if (pending.Any(m => m.EndsWith("_SearchIndex", StringComparison.Ordinal)))
                await Features.Search.SearchIndex.RebuildAsync(db, ct);
            return;
        }
        await db.Database.MigrateAsync(ct);
    }
}
