using Ayumi.Domain;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Organisations;

/// <summary>Ayumi on an empty database (demo data off) with one administrator: a municipality's first day.</summary>
public abstract class OnboardingFixture : AyumiFixture
{
    public const string Administrator = "admin@example.jp";
    public const string EnaSecretariat = "jimukyoku@city.ena.example.jp";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Ayumi:DemoData"] = "false" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.CreateAsync(Administrator, "", null);
    }

    /// <summary>The secretariat of an organisation created in a test, as if it had accepted its invitation.</summary>
    public Task AddSecretariatAsync(string email, string code) => Factory.CreateAsync(email, code, MemberRole.Secretariat);
}

public sealed class SqliteOnboarding : OnboardingFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresOnboarding : OnboardingFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
