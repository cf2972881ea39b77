namespace Ayumi.Domain;

/// <summary>
/// Dates as they are in Japan, where every organisation using Ayumi works: a deadline is a day in Japan, whatever the server's
/// time zone. Japan keeps no daylight saving time, so a fixed offset is exact and needs no time-zone database.
/// </summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());
}
