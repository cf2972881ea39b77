using Ayumi.Domain;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import.Stages;

/// <summary>
/// What the stages of one import share: the organisation and options, the report they write
/// to, the plans chosen, the departments met and the progress. Passed from stage to stage;
/// no stage keeps state of its own between sheets.
/// </summary>
internal sealed class ImportContext
{
    private const int ProgressEvery = 200;
    private int _rowsDone;

    public ImportContext(Organisation organisation, Workbook workbook, ImportOptions options, CancellationToken cancellationToken)
    {
        Organisation = organisation;
        Options = options;
        CancellationToken = cancellationToken;
        Report = new ImportReport { FileName = workbook.FileName };
        RowsTotal = workbook.Sheets.Sum(s => s.Rows.Count);
        DepartmentsBefore = organisation.Departments.Count;
        Plans = new PlanChoice(this);
        Departments = new DepartmentResolver(this);
    }

    public Organisation Organisation { get; }
    public ImportOptions Options { get; }
    public CancellationToken CancellationToken { get; }
    public ImportReport Report { get; }
    public PlanChoice Plans { get; }
    public DepartmentResolver Departments { get; }
    public int RowsTotal { get; }
    public int DepartmentsBefore { get; }

    public SourceLocation Where(Sheet sheet, int? row = null, int? column = null) => new(Report.FileName, sheet.Name, row, column);

    public SourceLocation File => new(Report.FileName);

    public void Error(SourceLocation where, string key, string english, params object[] arguments) =>
        Report.Problems.Add(ImportProblem.Error(where, key, english, arguments));

    public void Warning(SourceLocation where, string key, string english, params object[] arguments) =>
        Report.Problems.Add(ImportProblem.Warning(where, key, english, arguments));

    /// <summary>One row handled: the cancellation is looked at, and progress reported every few hundred rows.</summary>
    public void RowDone()
    {
        CancellationToken.ThrowIfCancellationRequested();
        _rowsDone++;
        if (_rowsDone % ProgressEvery == 0) Options.Progress?.Report(new ImportProgress(_rowsDone, RowsTotal));
    }

    public void Finish()
    {
        Report.Counts.DepartmentsCreated = Organisation.Departments.Count - DepartmentsBefore;
        Options.Progress?.Report(new ImportProgress(RowsTotal, RowsTotal));
    }
}
