using Ayumi.Domain;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Cycle;

/// <summary>Reminders and invitations go out through the configured SMTP server.</summary>
public sealed class MailTests(MailTests.Fixture fixture) : IClassFixture<MailTests.Fixture>
{
    public sealed class Fixture : CycleFixture
    {
        public SmtpSink Smtp { get; } = new();
        public int EnaPlan { get; private set; }

        protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Ayumi:Smtp:Host"] = "127.0.0.1",
            ["Ayumi:Smtp:Port"] = Smtp.Port.ToString(),
            ["Ayumi:Smtp:From"] = "ayumi@ena.example.jp",
        };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            EnaPlan = await Factory.PlanIdAsync("212105");
            await CycleSetup.OpenAsync(Factory, EnaPlan, FiscalYear.Parse("FY2025"));
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reminders_are_mailed_to_the_editors_of_departments_still_owing_work()
    {
        var secretariat = await fixture.Factory.SignedInAsync(CycleFixture.Secretariat);
        var page = await secretariat.PostAndReadAsync($"/plans/{fixture.EnaPlan}/cycle/FY2025?handler=Remind", []);
        Assert.Contains("3件の督促メールを送信しました", page.QuerySelector("[role=status]")!.TextContent);
        var recipients = fixture.Smtp.Messages.SelectMany(m => m.Recipients).Order().ToList();
        Assert.Equal([CycleFixture.Fukushi, CycleFixture.Others, CycleFixture.Soumu], recipients);
        Assert.All(fixture.Smtp.Messages, m => Assert.Contains("令和7年度の進行管理の入力をお願いします", Body(m.Data)));
        // Each editor is told the measures their departments owe, by full position: Ena numbers its measures anew under each policy.
        var fukushi = Body(fixture.Smtp.Messages.Single(m => m.Recipients.Contains(CycleFixture.Fukushi)).Data);
        Assert.Contains("・(1)-2 生活困窮者自立支援事業の活用（社会福祉課）", fukushi);
        Assert.DoesNotContain("（商工課）", fukushi);
    }

    /// <summary>The decoded text of a single-part message (System.Net.Mail sends Japanese as base64).</summary>
    private static string Body(string data)
    {
        var split = data.IndexOf("\n\n", StringComparison.Ordinal);
        var (headers, body) = (data[..split], data[(split + 2)..]);
        return headers.Contains("Content-Transfer-Encoding: base64")
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n', StringSplitOptions.TrimEntries))))
            : body;
    }
}
