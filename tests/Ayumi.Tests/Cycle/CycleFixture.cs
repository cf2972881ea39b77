using Ayumi.Domain;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Cycle;

/// <summary>Ena City with a secretariat, department editors and a reviewer; Akita with its own secretariat.</summary>
public abstract class CycleFixture : AyumiFixture
{
    public const string Secretariat = "jimukyoku@ena.example.jp";
    public const string Soumu = "soumu@ena.example.jp";
    public const string Fukushi = "fukushi@ena.example.jp";
    public const string Others = "others@ena.example.jp";
    public const string Reviewer = "iin@ena.example.jp";
    public const string AkitaSecretariat = "jimukyoku@akita.example.jp";
    public const string Administrator = "admin@example.jp";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.CreateAsync(Secretariat, "212105", MemberRole.Secretariat);
        await Factory.CreateAsync(Soumu, "212105", MemberRole.DepartmentEditor, "総務課");
        await Factory.CreateAsync(Fukushi, "212105", MemberRole.DepartmentEditor, "社会福祉課");
        await Factory.CreateAsync(Others, "212105", MemberRole.DepartmentEditor, "商工課", "建築住宅課", "地域包括支援センター", "学校教育課");
        await Factory.CreateAsync(Reviewer, "212105", MemberRole.Reviewer);
        await Factory.CreateAsync(AkitaSecretariat, "052019", MemberRole.Secretariat);
        await Factory.CreateAsync(Administrator, "212105", null);
    }
}

public sealed class SqliteCycle : CycleFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresCycle : CycleFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
