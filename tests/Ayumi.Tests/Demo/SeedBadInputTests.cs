using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Demo;
using Ayumi.Features.PlanFiles;

namespace Ayumi.Tests.Demo;

/// <summary>A seed that does not parse stops the load with the file, line and reason.</summary>
public class SeedBadInputTests
{
    private static SeedFormatException LoadBroken(string file, Func<string, string> breakIt)
    {
        var folder = TestPaths.CopyOfDemo();
        try
        {
            var path = Path.Combine(folder, file);
            File.WriteAllText(path, breakIt(File.ReadAllText(path)));
            return Assert.Throws<SeedFormatException>(() => DemoData.Read(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void An_unknown_grade_names_the_line_and_column()
    {
        var error = LoadBroken("seeds/ena-city.txt", t => t.Replace("A(予定通り進行)\t健康で文化的", "E(不明)\t健康で文化的"));
        Assert.Equal("ena-city.txt", error.File);
        Assert.Equal(11, error.Line);
        Assert.Contains("column G (R6評価)", error.Reason);
        Assert.Contains("E(不明)", error.Reason);
    }

    [Fact]
    public void A_tally_that_disagrees_with_the_rows_is_refused()
    {
        var error = LoadBroken("seeds/ena-city.txt", t => t.Replace("A(予定通り進行) 9事業", "A(予定通り進行) 8事業"));
        Assert.Contains("8 measures graded A", error.Reason);
        Assert.Equal(24, error.Line);
    }

    [Fact]
    public void A_budget_that_is_not_a_number_names_its_column()
    {
        var error = LoadBroken("seeds/miyagi-pref.txt", t => t.Replace("\t3,242,800\t", "\t約三百万\t"));
        Assert.Equal("miyagi-pref.txt", error.File);
        Assert.Contains("column E (R5年度 最終予算額", error.Reason);
        Assert.Contains("約三百万", error.Reason);
    }

    [Fact]
    public void A_relisting_with_no_original_is_refused()
    {
        var error = LoadBroken("seeds/akita-city.txt", t => t.Replace("精神保健福祉に関する相談※再掲", "存在しない取組※再掲"));
        Assert.Contains("存在しない取組", error.Reason);
        Assert.Equal("akita-city.txt", error.File);
    }

    [Fact]
    public void A_shift_jis_copy_of_a_seed_loads_like_the_utf8_one()
    {
        var folder = TestPaths.CopyOfDemo();
        try
        {
            var path = Path.Combine(folder, "seeds/akita-city.txt");
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            File.WriteAllText(path, File.ReadAllText(path), Encoding.GetEncoding(932));
            var fromShiftJis = DemoData.Read(folder).Organisations.Single(o => o.Code.Value == "052019").Plans.Single();
            var fromUtf8 = DemoData.Read(TestPaths.Demo).Organisations.Single(o => o.Code.Value == "052019").Plans.Single();
            Assert.Equal(fromUtf8.Measures.Select(m => (m.Key, m.Title, m.Description)), fromShiftJis.Measures.Select(m => (m.Key, m.Title, m.Description)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void A_missing_header_is_refused()
    {
        var error = LoadBroken("seeds/akita-city.txt", t => t.Replace("番号\t取組\t", "番号\t項目名\t"));
        Assert.Contains("No header row", error.Reason);
        Assert.Contains("akita-city", error.Reason);
    }

    [Fact]
    public void A_plan_file_naming_an_unknown_department_gives_the_json_line()
    {
        var error = LoadBroken("plans/komae-city.ayumi.json", t => ReplaceFirst(t, "\"学校教育課\"\n", "\"謎の課\"\n"));
        Assert.Equal("komae-city.ayumi.json", error.File);
        Assert.Equal(836, error.Line);
        Assert.Contains("departments[1]", error.Reason);
        Assert.Contains("謎の課", error.Reason);
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.LastIndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0);
        return text[..at] + to + text[(at + from.Length)..];
    }
}
