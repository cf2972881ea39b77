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
            if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any()) return;
        }
        await db.Database.MigrateAsync(ct);
    }
}
