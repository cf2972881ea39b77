using System.Text;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Search;

/// <summary>
/// What a search must find, worked out the slow way on any dataset: every plan read whole, the publication rule asked for
/// each plan and year, every published field normalised to NFKC and searched with <see cref="string.Contains(string)"/>.
/// Shares nothing with the index but the rule and the list of fields (docs/search.md).
/// </summary>
public static class BruteForceSearch
{
    public sealed record Filters(string? Prefecture = null, OrganisationKind? Kind = null, PopulationBand? Population = null, int? FiscalYear = null, string? Grade = null)
    {
        public string QueryString()
        {
            var query = new StringBuilder();
            if (Prefecture is not null) query.Append("&prefecture=").Append(Uri.EscapeDataString(Prefecture));
            if (Kind is { } kind) query.Append("&kind=").Append(kind.ToString());
            if (Population is not null) query.Append("&population=").Append(Population.Key);
            if (FiscalYear is { } year) query.Append("&fiscalYear=").Append(year);
            if (Grade is not null) query.Append("&grade=").Append(Uri.EscapeDataString(Grade));
            return query.ToString();
        }
    }

    /// <summary>A measure with the public's view of it.</summary>
    public sealed record PublishedMeasure(int Id, string OrganisationCode, int PlanId, Organisation Organisation, IReadOnlyList<string> OwnFields,
        IReadOnlyList<(int Year, string? Grade, IReadOnlyList<string> Fields)> Entries);

    public static async Task<List<PublishedMeasure>> ReadAsync(AyumiFactory factory) => await factory.QueryAsync(async db =>
    {
        var plans = await db.Plans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Organisation).Include(p => p.ReportingYears)
            .Include(p => p.Measures).ThenInclude(m => m.Entries)
            .Include(p => p.Measures).ThenInclude(m => m.Departments).ThenInclude(d => d.Department)
            .ToListAsync();
        return plans.Where(MemberRoles.Anonymous.SeesPlan).SelectMany(plan => plan.Measures.Select(m => new PublishedMeasure(
            m.Id, plan.Organisation.Code.Value, plan.Id, plan.Organisation,
            new[] { m.Title, m.Description, m.Objective }.Concat(m.Departments.Select(d => d.Department.Name)).OfType<string>().ToList(),
            m.Entries.Where(e => MemberRoles.Anonymous.SeesYear(plan, e.FiscalYear))
                .Select(e => (e.FiscalYear.StartYear, e.Grade, (IReadOnlyList<string>)new[] { e.PlannedWork, e.Results, e.IssuesAndDirection, e.NextYearPlan }.OfType<string>().ToList()))
                .ToList()))).ToList();
    });

    /// <summary>The measures that hold <paramref name="query"/> under <paramref name="filters"/>, in the API's order.</summary>
    public static List<int> Find(IEnumerable<PublishedMeasure> measures, string query, Filters filters)
    {
        var q = query.Normalize(NormalizationForm.FormKC).Trim();
        bool Holds(IEnumerable<string> fields) => fields.Any(f => f.Normalize(NormalizationForm.FormKC).Contains(q, StringComparison.Ordinal));
        bool EntryCounts((int Year, string? Grade, IReadOnlyList<string> Fields) e) =>
            (filters.FiscalYear is null || e.Year == filters.FiscalYear) && (filters.Grade is null || e.Grade == filters.Grade);
        var byEntry = filters.FiscalYear is not null || filters.Grade is not null;
        return measures
            .Where(m => filters.Prefecture is null || m.Organisation.Prefecture == filters.Prefecture)
            .Where(m => filters.Kind is null || m.Organisation.Kind == filters.Kind)
            .Where(m => filters.Population is null || m.Organisation.Population is { } p && filters.Population.Contains(p))
            .Where(m => byEntry
                ? m.Entries.Any(EntryCounts) && (Holds(m.OwnFields) || m.Entries.Where(EntryCounts).Any(e => Holds(e.Fields)))
                : Holds(m.OwnFields) || m.Entries.Any(e => Holds(e.Fields)))
            .OrderBy(m => m.OrganisationCode, StringComparer.Ordinal).ThenBy(m => m.PlanId).ThenBy(m => m.Id)
            .Select(m => m.Id).ToList();
    }
}
