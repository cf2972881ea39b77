using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Indicators;

/// <summary>
/// An indicator sheet against the database: read through the <see cref="ImportGate"/> into a plan's
/// indicators, then committed with every value or none.
/// </summary>
public sealed class IndicatorImport(AyumiDbContext db, ImportGate gate)
{
    /// <param name="plan">With its indicators and their actuals, tracked by this scope's context.</param>
    /// <exception cref="ImportFileException">The file cannot be read; its problem says where and why.</exception>
    public Task<IndicatorSheet> ReadAsync(Plan plan, string fileName, Stream content, ReadLimits limits, CancellationToken cancellationToken) =>
        gate.RunAsync(fileName, token => Task.FromResult(IndicatorSheet.Read(WorkbookReader.Read(fileName, content, limits, cancellationToken: token), plan)), cancellationToken);

    /// <summary>
    /// Records every change of a sheet without errors in one save. False, with nothing saved, when
    /// the sheet has errors or a value is refused as it is recorded (the refusal is added to its problems).
    /// </summary>
    public async Task<bool> CommitAsync(IndicatorSheet sheet, CancellationToken cancellationToken)
    {
        if (sheet.HasErrors) return false;
        if (!sheet.Apply())
        {
            db.ChangeTracker.Clear();
            return false;
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
