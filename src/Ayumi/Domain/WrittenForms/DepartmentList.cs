using System.Text.RegularExpressions;

namespace Ayumi.Domain.WrittenForms;

/// <summary>
/// The departments one cell names, as the sheets write them: line-broken (商工課⏎社会福祉課),
/// with 、 or , (人事課、社会福祉課), with ・ between two sections (商工課・社会福祉課),
/// or spaced (福祉総務課 障がい福祉課). A ・ inside one department (社会福祉課・保護係, 担当課・係名)
/// joins its section and unit and does not divide. Written back joined by 、.
/// </summary>
public static partial class DepartmentList
{
    public static IReadOnlyList<DepartmentPath> Parse(string cell) => DepartmentPath.ParseList(SplitDots().Replace(cell, "、"));

    public static string Format(IEnumerable<string> writtenNames) => string.Join("、", writtenNames);

    /// <summary>
    /// A ・ with a section (課, 室) on both sides. Other names keep theirs: Akita's 子ども未来センター・少年指導センター
    /// is one department.
    /// </summary>
    [GeneratedRegex(@"(?<=[課室])・(?=[^・、\n]*[課室](?:$|[・、\s(（]))")]
    private static partial Regex SplitDots();
}
