using System.Globalization;
using System.Reflection;
using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Localization;

namespace Ayumi.Tests.Import;

/// <summary>Every message of an import is in the reader's language, a domain rule refused inside a row included.</summary>
public class ImportLanguageTests
{
    private static string InLanguage(string language, Func<UiText, string> text)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try { return text(new UiText()); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void A_domain_rule_refused_inside_a_row_is_named_by_its_key_and_read_in_japanese_or_english()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var sheet = "番号\t取組\t所管課\tR6評価\n1\t就労支援\t商工課\tA\n"u8.ToArray();
        // A plan with no level above its measures breaks a rule of the domain at the first measure row.
        var options = new ImportOptions(NewPlan: new NewPlanSettings(Levels: [new PlanLevel("取組")]));

        var report = PlanImporter.Run(organisation, WorkbookReader.Read("r6.tsv", new MemoryStream(sheet), ReadLimits.Default), options);

        var refused = Assert.Single(report.Errors);
        Assert.Equal(("domain.levelsTooFew", 2), (refused.Key, refused.Where.Row));
        Assert.Equal("計画の体系には、取組の上に少なくとも1つの階層が必要です。", InLanguage("ja", t => ImportReportText.Message(refused, t)));
        Assert.Equal("A plan's tree needs at least one level above its measures.", InLanguage("en", t => ImportReportText.Message(refused, t)));
    }

    [Fact]
    public void A_domain_exception_always_names_its_text()
    {
        var constructor = Assert.Single(typeof(DomainException).GetConstructors());
        var key = constructor.GetParameters().Single(p => p.Name == "key");
        Assert.False(key.IsOptional);
        Assert.Equal(NullabilityState.NotNull, new NullabilityInfoContext().Create(key).WriteState);
    }
}
