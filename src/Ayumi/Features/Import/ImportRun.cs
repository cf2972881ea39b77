using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Import.Reading;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Import;

/// <summary>
/// An import against the database: reads the file, runs it over the organisation's stored
/// plans and, when asked to commit and nothing is wrong, saves everything in one transaction.
/// A preview (or an import with errors) writes nothing. It runs through the <see cref="ImportGate"/>:
/// a file refused there, or stopped at its time limit, is a report with that one problem.
/// </summary>
public sealed class ImportRun(AyumiDbContext db, ImportGate gate)
{
    public Task<ImportReport> RunAsync(LocalGovernmentCode organisationCode, string fileName, Stream content, ImportOptions options, bool commit,
        ReadLimits? limits = null, CancellationToken cancellationToken = default) =>
        GatedAsync(fileName, async token =>
        {
            var workbook = WorkbookReader.Read(fileName, content, limits ?? ReadLimits.Default, cancellationToken: token);
            var organisation = await db.LoadOrganisationGraphAsync(o => o.Code == organisationCode, token)
                ?? throw new DomainException($"There is no organisation with code {organisationCode}.", "import.unknownOrganisation", organisationCode.ToString());
            return await RunAsync(organisation, workbook, fileName, options, commit, token);
        }, cancellationToken);

    /// <summary>
    /// The same import into an organisation that is not stored yet (one of the national list, named
    /// on the command line): it is saved with what the file creates, or not at all.
    /// </summary>
    public Task<ImportReport> RunForNewAsync(Organisation organisation, string fileName, Stream content, ImportOptions options, bool commit,
        ReadLimits? limits = null, CancellationToken cancellationToken = default) =>
        GatedAsync(fileName, async token =>
        {
            var workbook = WorkbookReader.Read(fileName, content, limits ?? ReadLimits.Default, cancellationToken: token);
            db.Organisations.Add(organisation);
            return await RunAsync(organisation, workbook, fileName, options, commit, token);
        }, cancellationToken);

    private async Task<ImportReport> GatedAsync(string fileName, Func<CancellationToken, Task<ImportReport>> import, CancellationToken cancellationToken)
    {
        try
        {
            return await gate.RunAsync(fileName, import, cancellationToken);
        }
        catch (ImportFileException e)
        {
            // Whatever the import had loaded or built goes now, not when the request's scope ends.
            db.ChangeTracker.Clear();
            var failed = new ImportReport { FileName = fileName };
            failed.Problems.Add(e.Problem);
            return failed;
        }
    }

    private async Task<ImportReport> RunAsync(Organisation organisation, Workbook workbook, string fileName, ImportOptions options, bool commit, CancellationToken cancellationToken)
    {
        var report = PlanImporter.Run(organisation, workbook, options, cancellationToken);
        // A large file changes tens of thousands of objects: find the changes once, here, rather
        // than again in every Entries() and SaveChanges (the audit interceptor's included).
        db.ChangeTracker.DetectChanges();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { return await SaveAsync(report, fileName, commit, cancellationToken); }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.InsertAddedRecordsInBulk = false;
        }
    }

    private async Task<ImportReport> SaveAsync(ImportReport report, string fileName, bool commit, CancellationToken cancellationToken)
    {
        await RefuseYearsInTheCycleAsync(report, cancellationToken);
        if (report.HasErrors || !commit)
        {
            db.ChangeTracker.Clear();
            return report;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.InsertAddedRecordsInBulk = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            report.Problems.Add(ImportProblem.Error(new SourceLocation(fileName), "import.concurrentChange",
                "Someone changed the same plan while the file was being imported; nothing was written. Import the file again."));
        }
        return report;
    }

    /// <summary>
    /// Entries of a year that is open, locked or published in Ayumi's own cycle belong to the
    /// departments' workflow; an import must not overwrite them behind the secretariat's back.
    /// </summary>
    private async Task RefuseYearsInTheCycleAsync(ImportReport report, CancellationToken cancellationToken)
    {
        var touched = db.ChangeTracker.Entries<YearlyEntry>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.Measure.Plan.Id != 0)
            .Select(e => (PlanId: e.Entity.Measure.Plan.Id, e.Entity.FiscalYear)).Distinct().ToList();
        if (touched.Count == 0) return;
        var planIds = touched.Select(t => t.PlanId).Distinct().ToList();
        var inCycle = await db.ReportingYears.Where(y => planIds.Contains(y.PlanId))
            .Select(y => new { y.PlanId, y.FiscalYear, PlanName = y.Plan.Name }).ToListAsync(cancellationToken);
        foreach (var year in inCycle.Where(y => touched.Contains((y.PlanId, y.FiscalYear))))
            report.Problems.Add(ImportProblem.Error(new SourceLocation(report.FileName), "import.yearInCycle",
                $"{year.FiscalYear.ToJapanese()} of {year.PlanName} is managed in Ayumi's yearly cycle; its entries cannot be overwritten by an import.",
                year.FiscalYear.ToJapanese(), year.PlanName));
    }
}
