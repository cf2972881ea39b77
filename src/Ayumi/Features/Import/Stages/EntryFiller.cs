using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import.Stages;

/// <summary>Fills a measure's yearly entries from the row's yearly columns: grades, budgets in thousand yen, texts.</summary>
internal sealed class EntryFiller(SheetContext sheet)
{
    /// <summary>True when an entry was created or changed.</summary>
    public bool Fill(Measure measure, SheetRow row, ImportField? only = null)
    {
        var changed = false;
        foreach (var year in sheet.Columns.Where(c => only is null || c.Field == only).GroupBy(c => c.Year!.Value))
        {
            var values = year.Select(c => (Column: c, Text: row[c.Mapping.Column]))
                .Where(v => v.Text.Length > 0 && !SheetMarks.IsEndNote(v.Text))
                .ToList();
            var existing = measure.Entries.FirstOrDefault(e => e.FiscalYear == year.Key);
            if (existing is null && !values.Any(v => !(v.Column.Field.IsBudget() && SheetMarks.IsDash(v.Text)))) continue;
            var entry = existing ?? measure.EntryFor(year.Key);
            var entryChanged = false;
            foreach (var (column, text) in values) entryChanged |= Assign(entry, column, text, row);
            var counts = sheet.Import.Report.Counts;
            if (existing is null) counts.EntriesCreated++;
            else if (entryChanged) counts.EntriesUpdated++;
            else counts.EntriesUnchanged++;
            changed |= existing is null || entryChanged;
            YearRead(measure.Plan, year.Key);
        }
        return changed;
    }

    private void YearRead(Plan plan, FiscalYear year)
    {
        var read = sheet.Import.Report.YearsRead;
        if (!read.TryGetValue(plan.Name, out var years)) read[plan.Name] = years = [];
        years.Add(year);
    }

    private bool Assign(YearlyEntry entry, BoundColumn column, string text, SheetRow row)
    {
        var where = sheet.Where(row.Number, column.Mapping.Column);
        string Cell() => $"Row {row.Number}, column {ColumnLetters.Format(column.Mapping.Column)} ({column.Mapping.Heading})";
        switch (column.Field)
        {
            case ImportField.Grade:
                string? grade;
                try { grade = entry.Measure.Plan.GradeScale.ReadCell(text); }
                catch (FormatException e)
                {
                    sheet.Import.Error(where, "import.badGrade", $"{Cell()}: {e.Message}", text, string.Join(", ", entry.Measure.Plan.Grades.Select(g => g.Symbol)));
                    return false;
                }
                if (entry.Grade == grade) return false;
                entry.SetGrade(grade);
                return true;
            case ImportField.InitialBudget or ImportField.FinalBudget:
                ThousandYen? amount;
                try { amount = ThousandYen.ParseCell(text); }
                catch (FormatException)
                {
                    sheet.Import.Error(where, "import.badBudget", $"{Cell()}: '{text}' is not an amount in thousand yen.", text);
                    return false;
                }
                var cycle = column.Field == ImportField.InitialBudget ? BudgetAmount.Initial : BudgetAmount.Final;
                return Set(entry.Budget.Stated(cycle), amount, v => entry.Budget = entry.Budget.With(cycle, null, null, v));
            case ImportField.Results: return Set(entry.Results, text, v => entry.Results = v);
            case ImportField.PlannedWork: return Set(entry.PlannedWork, text, v => entry.PlannedWork = v);
            case ImportField.NextYearPlan: return Set(entry.NextYearPlan, text, v => entry.NextYearPlan = v);
            case ImportField.IssuesAndDirection: return Set(entry.IssuesAndDirection, text, v => entry.IssuesAndDirection = v);
            case ImportField.Target: return Set(entry.Target, text, v => entry.Target = v);
            case ImportField.Notes: return Set(entry.Notes, text, v => entry.Notes = v);
            default: return false;
        }
    }

    private static bool Set<T>(T current, T value, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(current, value)) return false;
        set(value);
        return true;
    }
}
