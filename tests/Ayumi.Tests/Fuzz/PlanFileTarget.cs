using System.Text;
using System.Text.Json.Nodes;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.PlanFiles;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Fuzz;

/// <summary>
/// The plan file loader (<see cref="PlanFileLoading"/>, as <c>load-plan</c> runs it) fed with the two
/// demo plan files. Half the inputs keep their organisation (Komae or Hyogo, already stored, so the
/// file is loaded into the stored graph); the other half name another local government of the
/// national list, so that the load reaches past the plan names into the whole file.
/// </summary>
public sealed class PlanFileTarget : FuzzTarget
{
    public static PlanFileTarget Instance { get; } = new();

    private static readonly IReadOnlyList<LocalGovernment> Governments = LocalGovernmentList.Shipped().All;

    public override string Format => "plan-file";

    public override IReadOnlyList<FuzzSeed> Seeds { get; } =
    [
        new("komae", "komae-city.ayumi.json", File.ReadAllBytes(TestPaths.PlanFile("komae-city.ayumi.json"))),
        new("hyogo", "hyogo-pref.ayumi.json", File.ReadAllBytes(TestPaths.PlanFile("hyogo-pref.ayumi.json"))),
    ];

    public override byte[] Mutate(Random random, FuzzSeed seed)
    {
        var bytes = random.Next(2) == 0 ? ElsewhereIn(random, seed.Bytes) : seed.Bytes;
        for (var n = random.Next(1, 4); n > 0; n--) bytes = JsonMutations.Mutate(random, bytes);
        return bytes;
    }

    private static byte[] ElsewhereIn(Random random, byte[] json)
    {
        var root = JsonNode.Parse(json)!;
        root["organisation"]!["code"] = Governments[random.Next(Governments.Count)].Code.Value;
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    public override async Task<FuzzOutcome> RunAsync(IServiceProvider services, FuzzSeed seed, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        try
        {
            await PlanFileLoading.LoadAsync(db, fileName, content, cancellationToken);
            return FuzzOutcome.Written;
        }
        catch (SeedFormatException e)
        {
            // The loader's message: the file, the line (0 when the file is not JSON enough to have one) and the reason with its JSON path.
            if (e.File != fileName || e.Line < 0 || string.IsNullOrWhiteSpace(e.Reason))
                throw new UnclearMessageException($"the refusal does not say where: {e.Message}");
            return FuzzOutcome.Refused;
        }
    }
}
