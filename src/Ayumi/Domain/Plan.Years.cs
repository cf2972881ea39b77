namespace Ayumi.Domain;

/// <summary>What the secretariat asks for when it opens a year: the year, the deadline and, for a year the plan does not expect, why.</summary>
public sealed record YearOpening(FiscalYear Year, DateOnly? Deadline, string? OutOfPeriodReason);

/// <summary>A measure an opening asks, with the departments that each get a part.</summary>
public sealed record AskedMeasure(Measure Measure, IReadOnlyList<Department> Departments);

/// <summary>The rules of opening and withdrawing the plan's years (see also <see cref="OpenYear(FiscalYear, DateOnly?, DateTimeOffset, string?)"/>).</summary>
public partial class Plan
{
    /// <summary>
    /// Whether the plan expects <paramref name="year"/> to be reported: a year of its period, or the year after its end, in which
    /// the last year is reviewed (最終評価). Any other year needs the secretariat's stated reason.
    /// </summary>
    public bool ExpectsYear(FiscalYear year) => Covers(year) || year == PeriodEnd.Next;

    /// <summary>The measures an opening of <paramref name="year"/> asks, each with its departments in the measure's order.</summary>
    public IReadOnlyList<AskedMeasure> MeasuresAskedIn(FiscalYear year) =>
        _measures.Where(m => m.RunsIn(year) && m.Status == MeasureStatus.Active)
            .Select(m => new AskedMeasure(m, m.Departments.OrderBy(d => d.Order).Select(d => d.Department).ToList())).ToList();

    /// <summary>
    /// The year the opening form proposes on <paramref name="today"/> (a day in Japan): among the years the plan expects that
    /// come after the last one opened, the year that ended last (the one reported in spring) when it is among them, or else the
    /// first of them. Null when every expected year has been opened.
    /// </summary>
    public FiscalYear? ProposedYear(DateOnly today)
    {
        var expected = Enumerable.Range(PeriodStart.StartYear, PeriodEnd.Next.StartYear - PeriodStart.StartYear + 1).Select(y => new FiscalYear(y)).ToList();
        var opened = _reportingYears.Select(r => r.FiscalYear).Where(ExpectsYear).ToList();
        var open = expected.Where(y => opened.Count == 0 || y > opened.Max()).ToList();
        var endedLast = FiscalYear.Containing(today).Previous;
        return open.Contains(endedLast) ? endedLast : open.Count > 0 ? open[0] : null;
    }

    /// <summary>The deadline proposed for <paramref name="year"/>: the end of May after it, as the sheets are due, or a month from <paramref name="today"/> when that has passed.</summary>
    public static DateOnly ProposedDeadline(FiscalYear year, DateOnly today)
    {
        var endOfMay = new DateOnly(year.StartYear + 1, 5, 31);
        return endOfMay > today ? endOfMay : today.AddMonths(1);
    }

    /// <summary>Checks an opening without making it, for the preview: the same checks as <see cref="OpenYear(YearOpening, DateOnly, DateTimeOffset)"/>.</summary>
    /// <exception cref="DomainException">The plan is a draft, the year is already opened, outside what the plan expects with no reason given, or the deadline is missing or not after today.</exception>
    public void CheckOpening(YearOpening opening, DateOnly today)
    {
        EnsureCanOpen(opening.Year);
        if (!ExpectsYear(opening.Year) && string.IsNullOrWhiteSpace(opening.OutOfPeriodReason))
            throw new DomainException($"{opening.Year.ToJapanese()} lies outside the plan's period {PeriodStart}–{PeriodEnd}; state why it is opened.",
                "error.yearOutsidePeriod", opening.Year.ToJapanese(), PeriodStart.ToJapanese(), PeriodEnd.ToJapanese(), PeriodEnd.Next.ToJapanese());
        if (opening.Deadline is not { } deadline)
            throw new DomainException("A year is opened with a deadline.", "error.deadlineRequired");
        if (deadline <= today)
            throw new DomainException($"The deadline {deadline:yyyy-MM-dd} is not after today ({today:yyyy-MM-dd}, Japan time).", "error.deadlineNotFuture",
                deadline.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"));
    }

    /// <summary>
    /// The secretariat opens a year: checked against the plan's period and today (a day in Japan), then opened as
    /// <see cref="OpenYear(FiscalYear, DateOnly?, DateTimeOffset, string?)"/> does. The reason given for a year the plan does not
    /// expect is kept with the year, and so in the audit trail.
    /// </summary>
    /// <exception cref="DomainException">See <see cref="CheckOpening"/>.</exception>
    public ReportingYear OpenYear(YearOpening opening, DateOnly today, DateTimeOffset at)
    {
        CheckOpening(opening, today);
        return OpenYear(opening.Year, opening.Deadline, at, ExpectsYear(opening.Year) ? null : opening.OutOfPeriodReason!.Trim());
    }

    /// <summary>
    /// Takes back a year opened by mistake, while no department has saved anything in it: the year, its parts, and each entry
    /// that holds nothing but what the opening gave it (an empty entry, or last year's plan carried forward) go. An entry that
    /// holds more (imported from a sheet before the year was opened) stays, with the planned work the opening carried into it when it had none. The measures' entries of the year
    /// and of the year before, with their parts, must be loaded.
    /// </summary>
    /// <exception cref="DomainException">The year is not open, or a part of it has been saved: such a year is locked, never deleted.</exception>
    public void WithdrawYear(ReportingYear year)
    {
        if (!year.IsOpen) throw new DomainException($"{year.FiscalYear.ToJapanese()} is no longer open.", "error.yearNotOpen", year.FiscalYear.ToJapanese());
        var saved = _measures.SelectMany(m => m.Entries).Where(e => e.FiscalYear == year.FiscalYear).SelectMany(e => e.Parts).Count(p => p.IsSaved);
        if (saved > 0)
            throw new DomainException($"{saved} entries of {year.FiscalYear.ToJapanese()} have been saved; the year can be locked, not withdrawn.",
                "error.yearHasSavedParts", year.FiscalYear.ToJapanese(), saved);
        foreach (var measure in _measures) measure.WithdrawEntry(year.FiscalYear);
        _reportingYears.Remove(year);
    }

    private void EnsureCanOpen(FiscalYear year)
    {
        if (Status == PlanStatus.Draft)
            throw new DomainException($"{Name} is still a draft; publish it before opening a year.", "error.draftPlanYear", Name);
        if (_reportingYears.Any(r => r.FiscalYear == year))
            throw new DomainException($"{year.ToJapanese()} has already been opened for {Name}.", "error.yearAlreadyOpened", year.ToJapanese());
    }
}
