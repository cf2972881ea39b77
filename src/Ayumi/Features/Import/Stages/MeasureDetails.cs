using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import.Stages;

/// <summary>What a measure row says besides its title and entries: departments, 【県事業】, its predecessors (の後継事業) and its end (…R3以降廃止).</summary>
internal sealed class MeasureDetails(SheetContext sheet)
{
    /// <summary>True when anything changed.</summary>
    public bool Read(Measure measure, SheetRow row, string writtenTitle, PlanState state)
    {
        var changed = AssignDepartments(measure, row);
        if (SheetMarks.IsPrefectureRun(measure.Description) && !measure.IsPrefectureRun)
        {
            measure.IsPrefectureRun = true;
            changed = true;
        }
        changed |= LinkPredecessors(measure, writtenTitle, state);
        return ReadEnd(measure, row) | changed;
    }

    private static bool LinkPredecessors(Measure measure, string writtenTitle, PlanState state)
    {
        var changed = false;
        foreach (var name in SheetMarks.PredecessorsNamed(writtenTitle))
        {
            var predecessor = state.Plan.Measures.FirstOrDefault(m => m.Title == name && m != measure)
                ?? throw new DomainException($"'{writtenTitle}' names 「{name}」 as its predecessor, but no measure of {state.Plan.Name} has that name.", "import.predecessorUnknown", writtenTitle, name, state.Plan.Name);
            if (predecessor.LinkBetween(measure) is not null) continue;
            // The predecessor's work passes on when it ends (事業終期のため、R3以降廃止); else from the plan's first year.
            predecessor.LinkTo(measure, LineageKind.Succeeded, predecessor.EndedIn ?? state.Plan.PeriodStart, "後継事業");
            changed = true;
        }
        return changed;
    }

    /// <summary>The first end note in the results or plans: the measure ended, was discontinued or reorganised.</summary>
    private bool ReadEnd(Measure measure, SheetRow row)
    {
        foreach (var column in sheet.Columns.Where(c => c.Field is ImportField.Results or ImportField.PlannedWork or ImportField.NextYearPlan))
        {
            var text = row[column.Mapping.Column];
            if (SheetMarks.ReadEnd(text) is not { } end) continue;
            if (measure.Status == end.Status && measure.EndedIn == end.EndedIn && measure.LifecycleNote == text) return false;
            measure.End(end.Status, end.EndedIn, text);
            return true;
        }
        return false;
    }

    public bool AssignDepartments(Measure measure, SheetRow row)
    {
        if (sheet.Department is not { } column || row[column.Column] is not { Length: > 0 } cell) return false;
        var before = measure.Departments.Count;
        IReadOnlyList<DepartmentPath> paths;
        try { paths = DepartmentList.Parse(cell); }
        catch (FormatException e)
        {
            sheet.Import.Error(sheet.Where(row.Number, column.Column), "import.badDepartment", $"Row {row.Number}: '{cell}' is not a department: {e.Message}", row.Number, cell);
            return false;
        }
        foreach (var path in paths)
        {
            var department = sheet.Import.Departments.For(path, sheet.Where(row.Number, column.Column));
            measure.AssignDepartment(department, department.Name == path.Written ? null : path.Written);
        }
        return measure.Departments.Count != before;
    }
}
