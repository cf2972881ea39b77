using System.CommandLine;
using Ayumi.Data;
using Ayumi.Hosting;

namespace Ayumi.Features.Search;

/// <summary><c>rebuild-search-index</c>: remakes the search index from the published plans (after a restore or a copy, or to repair it).</summary>
public static class SearchCommand
{
    public static Command Command(VerbContext context)
    {
        var command = new Command("rebuild-search-index", "remake the search index of all published plans from the database");
        command.SetAction(async (_, ct) =>
        {
            using var host = await context.OpenDatabaseAsync();
            await using var scope = host.Services.CreateAsyncScope();
            var documents = await SearchIndex.RebuildAsync(scope.ServiceProvider.GetRequiredService<AyumiDbContext>(), ct);
            Console.WriteLine($"The search index holds {documents:N0} document(s) of the published plans.");
            return 0;
        });
        return command;
    }
}
