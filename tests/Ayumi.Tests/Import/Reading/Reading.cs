using System.Globalization;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Localization;

namespace Ayumi.Tests.Import.Reading;

/// <summary>Calls the reader on bytes made by a test, and checks that a refusal reads well in both languages.</summary>
internal static class Reading
{
    private static readonly UiText Text = new();

    public static Workbook Read(string fileName, byte[] bytes, ReadLimits? limits = null, IProgress<int>? rowsRead = null) =>
        WorkbookReader.Read(fileName, new MemoryStream(bytes), limits ?? ReadLimits.Default, rowsRead);

    public static ImportProblem Refusal(string fileName, byte[] bytes, ReadLimits? limits = null) =>
        Refusal(fileName, new MemoryStream(bytes), limits);

    public static ImportProblem Refusal(string fileName, Stream content, ReadLimits? limits = null)
    {
        var problem = Assert.Throws<ImportFileException>(() => WorkbookReader.Read(fileName, content, limits ?? ReadLimits.Default)).Problem;
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(fileName, problem.Where.File);
        Assert.StartsWith("import.", problem.Key);
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(UiText.English);
            Assert.Equal(problem.English, Text.Format(problem.Key, [.. problem.Arguments]));
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(UiText.Japanese);
            Assert.Contains($"ファイル {fileName} ", Text.Format(problem.Key, [.. problem.Arguments]));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
        return problem;
    }

    /// <summary>Records progress reports as they are made (<see cref="Progress{T}"/> would post them to another thread).</summary>
    public sealed class Reports : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }
}
