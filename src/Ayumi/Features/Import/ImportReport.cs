using Ayumi.Domain;

namespace Ayumi.Features.Import;

/// <summary>What an import did, or would do, to one row of a sheet.</summary>
public enum RowAction { Created, Updated, Unchanged, Relisted }

/// <summary>One measure row of an imported sheet and what becomes of it.</summary>
public sealed record RowOutcome(SourceLocation Where, string PlanName, string Key, string Title, RowAction Action);

/// <summary>Counts of what an import creates, changes and leaves alone.</summary>
public sealed class ImportCounts
{
    public int PlansCreated { get; set; }
    public int NodesCreated { get; set; }
    public int DepartmentsCreated { get; set; }
    public int MeasuresCreated { get; set; }
    public int MeasuresUpdated { get; set; }
    public int MeasuresUnchanged { get; set; }
    public int RelistingsCreated { get; set; }
    public int EntriesCreated { get; set; }
    public int EntriesUpdated { get; set; }
    public int EntriesUnchanged { get; set; }
    /// <summary>Imported years marked as published on the import (they were public documents before Ayumi).</summary>
    public int YearsPublished { get; set; }

    /// <summary>True when the import would change nothing stored.</summary>
    public bool ChangesNothing => PlansCreated + NodesCreated + DepartmentsCreated + MeasuresCreated + MeasuresUpdated
        + RelistingsCreated + EntriesCreated + EntriesUpdated + YearsPublished == 0;
}

/// <summary>
/// The preview of an import: what will be created, updated and left unchanged, and every
/// problem by file, sheet, row and column. Nothing may be written while it has errors.
/// </summary>
public sealed class ImportReport
{
    public required string FileName { get; init; }
    public ImportCounts Counts { get; } = new();
    public List<ImportProblem> Problems { get; } = [];
    public List<RowOutcome> Rows { get; } = [];
    /// <summary>The plans the file was read into, by name.</summary>
    public List<string> PlanNames { get; } = [];
    /// <summary>Columns of the sheets that are not imported.</summary>
    public List<UnimportedColumn> NotImported { get; } = [];
    /// <summary>The totals the sheets state, with the sums of the rows they cover.</summary>
    public List<StatedTotal> StatedTotals { get; } = [];
    /// <summary>The grade tallies the sheets state, with the counts of the measures read.</summary>
    public List<StatedTally> Tallies { get; } = [];
    /// <summary>What each imported sheet says (its years, codes, section rows, grades).</summary>
    public List<SheetFacts> Sheets { get; } = [];
    /// <summary>When more than one plan's period holds the sheet's years: those plans, for the reader to choose.</summary>
    public List<string> PlanChoices { get; } = [];
    /// <summary>
    /// No stored plan holds the sheet's years (or the plan named does not exist yet) and nothing says
    /// how a new one is shaped: the screen offers to create the plan from the sheet (its period, levels and scale).
    /// </summary>
    public bool WantsNewPlan { get; set; }
    /// <summary>The fiscal years the file holds entries for, by plan name (the years that can be marked as published).</summary>
    public Dictionary<string, SortedSet<FiscalYear>> YearsRead { get; } = [];
    /// <summary>How many sheet rows were read, blank ones included.</summary>
    public int RowsRead { get; set; }

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
    public IEnumerable<ImportProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);
    public IEnumerable<ImportProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}
