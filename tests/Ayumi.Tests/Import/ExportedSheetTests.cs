using System.Net;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Import;

/// <summary>A sheet Ayumi exported, imported again without naming a plan, goes back into the plan it came from.</summary>
public sealed class ExportedSheetTests(SqliteAyumi fixture) : IClassFixture<SqliteAyumi>
{
    [Fact]
    public async Task Miyagis_exported_R5_sheet_reimports_without_a_plan_into_the_first_plan_with_nothing_changed()
    {
        var client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/plans/{await fixture.Factory.PlanIdAsync("040002")}/report/R5?handler=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var exported = await response.Content.ReadAsByteArrayAsync();
        var (organisation, _) = SeedFile.Miyagi.ImportText();
        Assert.Equal(2, organisation.Plans.Count);
        var before = PlanSnapshot.Of(organisation);

        var report = PlanImporter.Run(organisation, WorkbookReader.Read("miyagi-r5.xlsx", new MemoryStream(exported), ReadLimits.Default), new ImportOptions());

        Assert.Empty(report.Errors);
        Assert.Equal("宮城県再犯防止推進計画", report.PlanNames[0]);
        Assert.True(report.Counts.ChangesNothing, string.Join("\n", report.Rows.Where(r => r.Action != RowAction.Unchanged)));
        Assert.Equal(before, PlanSnapshot.Of(organisation));
    }
}
