using System.Text.RegularExpressions;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Hosting;

/// <summary>The release a page names is the newest one CHANGELOG.md records.</summary>
public sealed partial class ReleaseTests(SqliteAyumi fixture) : IClassFixture<SqliteAyumi>
{
    [GeneratedRegex(@"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", RegexOptions.Multiline)]
    private static partial Regex ReleaseHeading();

    [Fact]
    public async Task Every_page_footer_names_the_newest_release_of_the_changelog()
    {
        var newest = ReleaseHeading().Match(await File.ReadAllTextAsync(TestPaths.InRepository("CHANGELOG.md"))).Groups[1].Value;
        var page = await fixture.Factory.NewUser().GetAsync("/");

        Assert.NotEmpty(newest);
        Assert.Contains($"バージョン {newest}", page.QuerySelector("footer")!.TextContent);
    }
}
