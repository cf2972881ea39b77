namespace Ayumi.Domain;

/// <summary>One column of a mapping profile: the heading as the sheet writes it, what it holds, and for which fiscal year.</summary>
/// <param name="YearOffset">
/// When the heading names no year: the column's year relative to the year chosen at import
/// (0 = that year, 1 = the next), so that next year's sheet reuses the profile unchanged.
/// </param>
public sealed record ProfileColumn(string Heading, ImportField Field, int? YearOffset = null);

/// <summary>
/// A named column mapping of an organisation's own sheet layout, made on the mapping screen
/// when the headers are not recognised, and reused for next year's sheet.
/// </summary>
public class MappingProfile
{
    private MappingProfile() { Name = ""; }

    public MappingProfile(Organisation organisation, string name, IEnumerable<ProfileColumn> columns)
    {
        Organisation = organisation;
        OrganisationId = organisation.Id;
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainException("A mapping profile needs a name.", "import.profileNameMissing") : name.Trim();
        Replace(columns);
    }

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; } = null!;
    public string Name { get; private set; }
    public List<ProfileColumn> Columns { get; private set; } = [];

    public void Replace(IEnumerable<ProfileColumn> columns)
    {
        var list = columns.Where(c => c.Field != ImportField.Ignore).ToList();
        if (!list.Any(c => c.Field is ImportField.Title or ImportField.NextPlanTitle))
            throw new DomainException("A mapping profile must say which column holds the measure's title.", "import.profileNeedsTitle");
        var repeated = list.Where(c => !c.Field.IsYearly()).GroupBy(c => c.Field).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new DomainException($"Only one column can hold {repeated.Key}.", "import.profileFieldTwice", repeated.Key.ToString());
        Columns = list;
    }
}
