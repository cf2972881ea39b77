using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Demo;
using Ayumi.Features.PlanFiles;

namespace Ayumi.Tests.PlanFiles;

public class PlanFileTests
{
    public static TheoryData<string> Organisations => ["052019", "212105", "040002", "132195", "280003"];

    [Theory]
    [MemberData(nameof(Organisations))]
    public void Every_seed_survives_a_round_trip_through_the_plan_file_format(string code)
    {
        var organisation = DemoData.Read(TestPaths.Demo).Organisations.Single(o => o.Code.Value == code);
        var plans = organisation.Plans.OrderBy(p => p.Generation).ToList();
        var written = PlanFileWriter.Write(organisation, plans);

        var reloaded = PlanFileReader.Load("roundtrip.json", written, null);
        var rewritten = PlanFileWriter.Write(reloaded, reloaded.Plans.OrderBy(p => p.Generation).ToList());

        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(rewritten));
        Assert.Equal(organisation.Plans.Sum(p => p.Measures.Count), reloaded.Plans.Sum(p => p.Measures.Count));
        Assert.Equal(
            organisation.Plans.SelectMany(p => p.Measures).SelectMany(m => m.Entries).Count(),
            reloaded.Plans.SelectMany(p => p.Measures).SelectMany(m => m.Entries).Count());
    }

    [Fact]
    public void The_written_file_is_readable_json_with_japanese_as_characters()
    {
        var organisation = DemoData.Read(TestPaths.Demo).Organisations.Single(o => o.Code.Value == "212105");
        var text = Encoding.UTF8.GetString(PlanFileWriter.Write(organisation, [.. organisation.Plans]));
        Assert.Contains("\"format\": \"ayumi-plan\"", text);
        Assert.Contains("生活保護", text);
        Assert.Contains("\"fiscalYear\": \"FY2024\"", text);
    }

    [Fact]
    public void A_syntax_error_names_its_line()
    {
        var json = "{\n  \"format\": \"ayumi-plan\",\n  \"formatVersion\": 1,\n  \"organisation\": { \"code\": \"212105\" \n}";
        var error = Assert.Throws<SeedFormatException>(() => PlanFileReader.Load("broken.json", Encoding.UTF8.GetBytes(json), null));
        Assert.Equal("broken.json", error.File);
        Assert.True(error.Line >= 4, $"line {error.Line}");
    }

    [Fact]
    public void An_unknown_property_is_an_error_not_silently_dropped_data()
    {
        var json = Minimal().Replace("\"name\": \"恵那市\"", "\"name\": \"恵那市\", \"mayor\": \"x\"");
        var error = Assert.Throws<SeedFormatException>(() => PlanFileReader.Load("extra.json", Encoding.UTF8.GetBytes(json), null));
        Assert.Contains("mayor", error.Message);
    }

    [Fact]
    public void A_newer_format_version_is_refused()
    {
        var json = Minimal().Replace("\"formatVersion\": 1", "\"formatVersion\": 2");
        var error = Assert.Throws<SeedFormatException>(() => PlanFileReader.Load("v2.json", Encoding.UTF8.GetBytes(json), null));
        Assert.Contains("version 1", error.Reason);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_wrong_check_digit_is_refused()
    {
        var json = Minimal().Replace("212105", "212106");
        var error = Assert.Throws<SeedFormatException>(() => PlanFileReader.Load("code.json", Encoding.UTF8.GetBytes(json), null));
        Assert.Contains("check digit", error.Reason);
    }

    [Fact]
    public void A_grade_off_the_scale_is_refused_with_its_path()
    {
        var json = Minimal().Replace("\"grade\": \"A\"", "\"grade\": \"Z\"");
        var error = Assert.Throws<SeedFormatException>(() => PlanFileReader.Load("grade.json", Encoding.UTF8.GetBytes(json), null));
        Assert.Contains("$.plans[0].measures[0].entries[0].grade", error.Reason);
    }

    [Fact]
    public void A_minimal_file_loads()
    {
        var organisation = PlanFileReader.Load("min.json", Encoding.UTF8.GetBytes(Minimal()), null);
        var measure = organisation.Plans.Single().Measures.Single();
        Assert.Equal("A", measure.Entries.Single().Grade);
        Assert.Equal(new ThousandYen(120), measure.Entries.Single().InitialBudget);
    }

    private static string WithIndicators(string indicators) => Minimal().Replace(
        "\"measures\": [ { \"key\"", $"\"indicators\": [ {indicators} ],\n            \"measures\": [ {{ \"key\"");

    private const string Reoffenders = """
        { "code": "A", "name": "再犯者数", "unit": "人", "kind": "snapshot", "direction": "lowerIsBetter",
          "baseline": { "from": "R5", "value": 50 }, "targets": [ { "fiscalYear": "R8", "value": 40 } ],
          "actuals": [ { "fiscalYear": "R6", "value": 45 } ] },
        { "code": "B", "name": "検挙人員", "unit": "人", "kind": "snapshot", "direction": "higherIsBetter",
          "baseline": { "from": "R5", "value": 100 }, "targets": [ { "fiscalYear": "R8", "value": 100 } ],
          "actuals": [ { "fiscalYear": "R6", "value": 100 } ] },
        { "code": "C", "name": "再犯者率", "unit": "%", "kind": "snapshot", "direction": "lowerIsBetter", "attachedTo": "(1)",
          "baseline": { "from": "R5", "value": 50 }, "targets": [ { "fiscalYear": "R8", "value": 40 } ],
          "ratio": { "numerator": "A", "denominator": "B", "scale": 100 } },
        { "code": "D", "name": "就職率", "unit": "%", "kind": "snapshot", "direction": "higherIsBetter", "owner": "社会福祉課", "comparison": "全国平均",
          "baseline": { "from": "R5", "value": 40 }, "targets": [ { "fiscalYear": "R8", "qualitative": "全国平均以上" } ],
          "actuals": [ { "fiscalYear": "R6", "value": 45.5, "comparison": 42.1, "judgement": "achieved" } ] }
        """;

    [Fact]
    public void Ratios_comparisons_and_judgements_load_and_survive_a_round_trip()
    {
        var organisation = PlanFileReader.Load("indicators.json", Encoding.UTF8.GetBytes(WithIndicators(Reoffenders)), null);
        var plan = organisation.Plans.Single();
        var rate = plan.Indicators.Single(i => i.Code == "C");
        Assert.Equal(new[] { (new FiscalYear(2024), 45m) }, rate.Series());
        Assert.Equal(0.5m, rate.Assess(plan.PeriodEnd).Progress);
        var employment = plan.Indicators.Single(i => i.Code == "D");
        Assert.Equal(42.1m, employment.Actuals.Single().ComparisonValue);
        Assert.Equal(IndicatorStatus.Achieved, employment.Assess(plan.PeriodEnd).Status);

        var written = PlanFileWriter.Write(organisation, [.. organisation.Plans]);
        var reloaded = PlanFileReader.Load("again.json", written, null);
        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(PlanFileWriter.Write(reloaded, [.. reloaded.Plans])));
        Assert.Contains("\"numerator\": \"A\"", Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void A_version_1_file_takes_the_documents_years_monitoring_archive_and_decimal_places_and_keeps_them_through_a_round_trip()
    {
        var json = WithIndicators("""
            { "code": "E", "name": "再犯者数", "unit": "人", "kind": "snapshot", "direction": "lowerIsBetter", "decimalPlaces": 1,
              "baseline": { "years": "R3〜R5平均", "value": 100 }, "targets": [ { "years": "R6〜R8の平均", "value": 90 } ],
              "actuals": [ { "fiscalYear": "R2", "value": 110 }, { "fiscalYear": "R6", "value": 88 } ] },
            { "code": "F", "name": "検挙人員", "unit": "人", "kind": "snapshot", "direction": "lowerIsBetter", "monitoringOnly": true,
              "baseline": { "from": "R5", "value": 300 }, "actuals": [ { "fiscalYear": "R6", "value": 280 } ], "archivedReason": "統計の見直し" },
            { "code": "G", "name": "協力雇用主数", "unit": "社", "kind": "snapshot", "direction": "higherIsBetter",
              "baseline": { "from": "R5", "value": 10 }, "targets": [ { "years": "令和8年度末", "value": 20 } ] }
            """);
        Assert.Contains("\"formatVersion\": 1", json);
        var organisation = PlanFileReader.Load("documents.json", Encoding.UTF8.GetBytes(json), null);
        var plan = organisation.Plans.Single();
        var averaged = plan.Indicators.Single(i => i.Code == "E");
        Assert.Equal((new FiscalYear(2021), new FiscalYear(2023)), (averaged.BaselineFrom!.Value, averaged.BaselineTo!.Value));
        Assert.Equal(new IndicatorTarget(new FiscalYear(2026), 90, null, null, new FiscalYear(2024)), averaged.Targets.Single());
        Assert.Equal(2, averaged.Actuals.Count); // FY2020 is before the baseline, and kept
        // As of FY2026 only FY2024 of the span has an actual: 88 ≤ 90, on track; achievement (88 − 100) ÷ (90 − 100) = 1.2.
        var assessment = averaged.Assess(plan.PeriodEnd);
        Assert.Equal((IndicatorStatus.OnTrack, 88m, 1.2m), (assessment.Status, assessment.Current!.Value, assessment.Progress!.Value));
        Assert.Equal("88.0", averaged.Format(88));
        var monitored = plan.Indicators.Single(i => i.Code == "F");
        Assert.True(monitored.IsMonitoringOnly && monitored.IsArchived);
        Assert.Equal(new FiscalYear(2026), plan.Indicators.Single(i => i.Code == "G").Targets.Single().FiscalYear);

        var written = PlanFileWriter.Write(organisation, [.. organisation.Plans]);
        var text = Encoding.UTF8.GetString(written);
        Assert.Contains("\"archivedReason\": \"統計の見直し\"", text);
        var reloaded = PlanFileReader.Load("again.json", written, null);
        Assert.Equal(text, Encoding.UTF8.GetString(PlanFileWriter.Write(reloaded, [.. reloaded.Plans])));
    }

    [Theory]
    [InlineData("\"baseline\": { \"from\": \"R5\", \"value\": 50 }, \"targets\": [ { \"fiscalYear\": \"R10\", \"value\": 40 } ]", "$.plans[0].indicators[0].targets[0]", "outside the plan's period")]
    [InlineData("\"targets\": [ { \"fiscalYear\": \"R8\", \"value\": 40 } ]", "$.plans[0].indicators[0]", "needs a baseline")]
    [InlineData("\"baseline\": { \"from\": \"R5\" }, \"targets\": [ { \"fiscalYear\": \"R8\", \"value\": 40 } ]", "$.plans[0].indicators[0].baseline", "needs a value")]
    [InlineData("\"baseline\": { \"from\": \"R5\", \"value\": 50 }, \"actuals\": [ { \"fiscalYear\": \"R6\", \"value\": 120 } ]", "$.plans[0].indicators[0].actuals[0]", "cannot exceed 100")]
    public void Bad_indicators_are_refused_with_their_path_and_nothing_loads(string parts, string path, string reason)
    {
        var json = WithIndicators($$"""{ "code": "X", "name": "割合", "unit": "%", "kind": "snapshot", "direction": "higherIsBetter", {{parts}} }""");
        var error = Assert.Throws<SeedFormatException>(() => PlanFileReader.Load("bad.json", Encoding.UTF8.GetBytes(json), null));
        Assert.Contains(path, error.Reason);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void A_backup_file_publishes_only_the_years_it_lists_as_published()
    {
        var organisation = DemoData.Read(TestPaths.Demo).Organisations.Single(o => o.Code.Value == "212105");
        var plan = organisation.Plans.Single();
        Assert.NotEmpty(plan.PublishedYears);
        var backup = Encoding.UTF8.GetString(PlanFileWriter.Write(organisation, [plan], backup: true));

        var restored = PlanFileReader.Load("backup.json", Encoding.UTF8.GetBytes(backup), null).Plans.Single();
        Assert.Equal(plan.PublishedYears.Order(), restored.PublishedYears.Order());

        // The same plan whose reported years were never published: a backup of a year in work must not make it public.
        var unpublished = System.Text.RegularExpressions.Regex.Replace(backup, @"""publishedYears"": \[[^\]]*\]", "\"publishedYears\": []");
        Assert.NotEqual(backup, unpublished);
        var reloaded = PlanFileReader.Load("backup.json", Encoding.UTF8.GetBytes(unpublished), null).Plans.Single();
        Assert.Empty(reloaded.PublishedYears);
        Assert.Contains(reloaded.Measures.SelectMany(m => m.Entries), e => e.HasReport);
    }

    [Fact]
    public void A_public_file_publishes_the_years_it_reports_and_does_not_list_them()
    {
        var organisation = DemoData.Read(TestPaths.Demo).Organisations.Single(o => o.Code.Value == "212105");
        var text = Encoding.UTF8.GetString(PlanFileWriter.Write(organisation, [.. organisation.Plans]));
        Assert.DoesNotContain("publishedYears", text);
        var reloaded = PlanFileReader.Load("public.json", Encoding.UTF8.GetBytes(text), null).Plans.Single();
        Assert.Equal(organisation.Plans.Single().PublishedYears.Order(), reloaded.PublishedYears.Order());
    }

    private static string Minimal() => """
        {
          "format": "ayumi-plan",
          "formatVersion": 1,
          "organisation": { "code": "212105", "name": "恵那市", "kind": "municipality" },
          "departments": [ { "path": ["社会福祉課"] } ],
          "plans": [ {
            "name": "試験計画", "generation": 1, "periodStart": "R6", "periodEnd": "R8",
            "levels": [ { "name": "施策" }, { "name": "事業" } ],
            "nodes": [ { "code": "(1)", "title": "住居" } ],
            "measures": [ { "key": "1", "code": "1", "parent": "(1)", "title": "生活保護", "departments": ["社会福祉課"],
              "entries": [ { "fiscalYear": "令和6年度", "grade": "A", "initialBudget": 120 } ] } ]
          } ]
        }
        """;
}
