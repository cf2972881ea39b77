using Ayumi.Data;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Data;

public class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteAyumiDbContext(new DbContextOptionsBuilder<SqliteAyumiDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "add a migration as src/Ayumi/Generated/README.md says (SqliteAyumiDbContext)");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresAyumiDbContext(new DbContextOptionsBuilder<PostgresAyumiDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "add a migration as src/Ayumi/Generated/README.md says (PostgresAyumiDbContext)");
    }
}
