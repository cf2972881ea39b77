namespace Ayumi.Features.Entries;

/// <summary>Last year's value of a field, shown beside it: as read (<paramref name="Shown"/>) and as it is copied into the field.</summary>
public sealed record LastYearValue(string YearName, string? Shown, string? Copied);
