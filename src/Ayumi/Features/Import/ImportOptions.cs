using Ayumi.Domain;
using Ayumi.Features.Import.Layout;

namespace Ayumi.Features.Import;

/// <summary>What a new plan is called and how it is shaped when an import has to create it.</summary>
/// <param name="PeriodStart">Defaults to the earliest fiscal year the file names.</param>
/// <param name="PeriodEnd">Defaults to the latest fiscal year the file names.</param>
/// <param name="Levels">Defaults to names taken from the sheet's headings.</param>
/// <param name="GradeScale">Defaults to Ena City's A–D.</param>
/// <param name="Predecessor">The name of the organisation's plan that the new one follows.</param>
public sealed record NewPlanSettings(
    int Generation = 1,
    FiscalYear? PeriodStart = null,
    FiscalYear? PeriodEnd = null,
    IReadOnlyList<PlanLevel>? Levels = null,
    string? Source = null,
    IReadOnlyList<string>? Notes = null,
    GradeScale? GradeScale = null,
    string? Predecessor = null);

/// <summary>How to import a file into an organisation.</summary>
/// <param name="PlanName">The plan to import into; by default the one whose period holds the sheet's years, or a new plan named after the organisation.</param>
/// <param name="Profile">A saved column mapping to use instead of recognising the headers.</param>
/// <param name="Year">The fiscal year of columns whose heading names none (a mapping profile's year offsets count from it).</param>
/// <param name="DepartmentMap">Written department names mapped to existing departments (by id); the rest are created.</param>
/// <param name="PublishYears">Mark the years the file holds entries for as published (past sheets that were public documents).</param>
public sealed record ImportOptions(
    string? PlanName = null,
    NewPlanSettings? NewPlan = null,
    MappingProfile? Profile = null,
    FiscalYear? Year = null,
    IReadOnlyDictionary<string, int>? DepartmentMap = null,
    IProgress<ImportProgress>? Progress = null,
    bool PublishYears = false);

/// <summary>How far an import has come: rows done of rows in all.</summary>
public sealed record ImportProgress(int RowsDone, int RowsTotal);
