using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Reports;

/// <summary>
/// The secretariat's report layouts: start from one of Ayumi's layouts, choose the columns,
/// their order and headings, save it under a name, and make it a plan's default.
/// </summary>
[Authorize]
public sealed class TemplatesModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<ReportTemplate> Custom { get; private set; } = [];
    public IReadOnlyList<Plan> Plans { get; private set; } = [];
    public ReportTemplate Base { get; private set; } = ReportTemplate.BuiltIn[0];
    public Notice? Notice { get; private set; }

    /// <summary>One row of the column editor.</summary>
    public sealed class ColumnInput
    {
        public bool Include { get; set; }
        public int Order { get; set; }
        public ReportField Field { get; set; }
        public string Heading { get; set; } = "";
        public int YearOffset { get; set; }
        /// <summary>A money column's funding source; null for its stated total.</summary>
        public string? Source { get; set; }
        /// <summary>A money column of the difference between the stated total and its parts.</summary>
        public bool Difference { get; set; }
    }

    /// <summary>The funding sources the organisation's plans split their budgets by, offered as money columns.</summary>
    public IReadOnlyList<string> Sources { get; private set; } = BudgetLine.DefaultSources;

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public List<ColumnInput> Columns { get; set; } = [];
    [BindProperty] public bool PoliciesAsSectionRows { get; set; }
    [BindProperty] public bool GradeTally { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, string? from, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        Base = ReportTemplate.BuiltIn.Concat(Custom).FirstOrDefault(t => t.Name == from) ?? ReportTemplate.BuiltIn[0];
        Name = Custom.Contains(Base) ? Base.Name : "";
        PoliciesAsSectionRows = Base.PoliciesAsSectionRows;
        GradeTally = Base.GradeTally;
        Columns = EditorRows(Base, Sources);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        var columns = Columns.Where(c => c.Include).OrderBy(c => c.Order)
            .Select(c => new ReportColumn(c.Field, string.IsNullOrWhiteSpace(c.Heading) ? c.Field.ToString() : c.Heading.Trim(), c.YearOffset,
                Source: string.IsNullOrWhiteSpace(c.Source) ? null : c.Source.Trim(), Difference: c.Difference)).ToList();
        if (ReportTemplate.BuiltIn.Any(t => t.Name == Name.Trim()))
        {
            Notice = Notice.Error("templates.builtInName");
            return Page();
        }
        var existing = await db.ReportTemplates.FirstOrDefaultAsync(t => t.OrganisationId == Organisation.Id && t.Name == Name.Trim(), ct);
        try
        {
            if (existing is null)
            {
                var template = new ReportTemplate(Name, columns, PoliciesAsSectionRows, GradeTally);
                template.BelongTo(Organisation);
                db.ReportTemplates.Add(template);
            }
            else existing.Revise(columns, PoliciesAsSectionRows, GradeTally);
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisations/{Organisation.Code}/templates?saved={Uri.EscapeDataString(Name.Trim())}");
    }

    public async Task<IActionResult> OnPostDefaultAsync(string code, int planId, string template, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId && p.OrganisationId == Organisation.Id, ct);
        if (plan is null) return NotFound();
        if (!ReportTemplate.BuiltIn.Concat(Custom).Any(t => t.Name == template)) return BadRequest();
        plan.ReportTemplateName = template;
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisations/{Organisation.Code}/templates");
    }

    /// <summary>
    /// Every field once, and every amount of the budget also by funding source and as the difference from its parts: the
    /// template's columns first in their order, then the others unticked.
    /// </summary>
    private static List<ColumnInput> EditorRows(ReportTemplate template, IReadOnlyList<string> sources)
    {
        var rows = template.Columns.Select((c, i) => new ColumnInput
            { Include = true, Order = i + 1, Field = c.Field, Heading = c.Heading, YearOffset = c.YearOffset, Source = c.Source, Difference = c.Difference }).ToList();
        var offered = Enum.GetValues<ReportField>().SelectMany(f => new ReportColumn(f, "").IsMoney
            ? [new ReportColumn(f, ""), .. sources.Select(s => new ReportColumn(f, "", Source: s)), new ReportColumn(f, "", Difference: true)]
            : new[] { new ReportColumn(f, "") });
        rows.AddRange(offered.Where(o => template.Columns.All(c => (c.Field, c.Source, c.Difference) != (o.Field, o.Source, o.Difference)))
            .Select((o, i) => new ColumnInput { Include = false, Order = rows.Count + i + 1, Field = o.Field, Heading = "", Source = o.Source, Difference = o.Difference }));
        return rows;
    }

    /// <summary>The name of an editor row's column: the field, and for money its source or 差.</summary>
    public string ColumnName(ColumnInput column, Localization.UiText text) =>
        text["report.field." + column.Field] + (column.Source is { } source ? $"（{source}）" : column.Difference ? $"（{text["budget.difference"]}）" : "");

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        var (organisation, refused) = await OrganisationAccess.ManagedAsync(db, current, code, ct);
        if (refused is not null) return refused;
        Organisation = organisation!;
        Custom = await db.ReportTemplates.AsNoTracking().Where(t => t.OrganisationId == Organisation.Id).OrderBy(t => t.Name).ToListAsync(ct);
        Plans = await db.Plans.AsNoTracking().Where(p => p.OrganisationId == Organisation.Id).OrderBy(p => p.Generation).ToListAsync(ct);
        Sources = Plans.SelectMany(p => p.FundingSources).Concat(BudgetLine.DefaultSources).Distinct().ToList();
        return null;
    }
}
