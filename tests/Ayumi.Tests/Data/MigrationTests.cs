using Ayumi.Data;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Data;

public class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteAyumiDbContext(new DbContextOptionsBuilder<SqliteAyumiDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqliteAyumiDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresAyumiDbContext(new DbContextOptionsBuilder<PostgresAyumiDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context PostgresAyumiDbContext --output-dir Data/Migrations/Postgres");
    }
}
