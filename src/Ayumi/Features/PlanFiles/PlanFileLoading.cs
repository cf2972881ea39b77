using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.PlanFiles;

/// <summary>A plan file loaded into the database: into its organisation when that is stored, else a new one; saved whole or not at all.</summary>
public static class PlanFileLoading
{
    /// <exception cref="SeedFormatException">The file is refused, with its line and reason; nothing is saved and the context tracks nothing of it.</exception>
    public static async Task<Organisation> LoadAsync(AyumiDbContext db, string fileName, byte[] json, CancellationToken cancellationToken = default)
    {
        var code = PlanFileReader.Parse(fileName, json).Organisation.Code;
        // A code that is not one is refused by the reader, with the line it is on.
        var existing = LocalGovernmentCode.TryParse(code, out var parsed, out _)
            ? await db.LoadOrganisationGraphAsync(o => o.Code == parsed, cancellationToken)
            : null;
        try
        {
            var organisation = PlanFileReader.Load(fileName, json, existing);
            if (existing is null) db.Organisations.Add(organisation);
            await db.SaveChangesAsync(cancellationToken);
            return organisation;
        }
        catch (SeedFormatException)
        {
            // The reader may have changed the stored organisation's graph before it found the problem.
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
