namespace Ayumi.Tests.Fuzz;

/// <summary>
/// Mutations of a sheet as rows of cells: what people do to a progress sheet by hand (rows deleted,
/// copied or moved, a cell shifted, headings retyped, odd values typed in).
/// </summary>
internal static class TableMutations
{
    /// <summary>Values that mean something to the importer: years, grades, codes, marks, numbers at the edges, headings.</summary>
    public static readonly string[] Interesting =
    [
        "", " ", "－", "-", "—", "0", "-1", "1.5", "1e308", "-1e308", "99999999999999999999999999", "NaN", "∞", "１２３", "2,329グループ*", "101%", "-5%",
        "令和元年度", "令和99年度", "R0", "R99", "H31", "FY0", "FY9999", "2019年度実績", "2021 目標", "平成", "令和",
        "A", "Z", "A(予定通り進行)", "D(その他)", "◎", "評価",
        "①", "⑳", "1-(1)-①", "(1)", "1-1-1", "行動7-イ-3", "※再掲", "(再掲)", "【県事業】", "【新】", "事業終期のため、R3以降廃止", "後継事業",
        "番号", "取組", "事業名", "所管課", "担当課", "令和6年度評価", "令和6年度実施内容", "最終予算額", "当初予算額", "基本目標", "指標", "活動指標",
        "福祉総務課", "（福祉総務課）", "社会福祉課(団体指導班)", "部／課／係", "/", "\\",
        "=1+1", "=SUM(A1:A2)", "\"", "\"\"", "a\"b", "'", "\u0000", "\u200B", "\uFEFF", "𠮷野家", "\uD800", "\r", "\n", "\t",
        new string('あ', 5000), new string('9', 400), string.Concat(Enumerable.Repeat("1-", 200)),
    ];

    public static List<string[]> Mutate(Random random, List<string[]> table)
    {
        var rows = table.Select(r => (string[])r.Clone()).ToList();
        if (rows.Count == 0) return [[Pick(random)]];
        var at = random.Next(rows.Count);
        switch (random.Next(11))
        {
            case 0: rows.RemoveAt(at); break;
            case 1: rows.Insert(random.Next(rows.Count + 1), (string[])rows[at].Clone()); break;
            case 2:
                var other = random.Next(rows.Count);
                (rows[at], rows[other]) = (rows[other], rows[at]);
                break;
            case 3: rows.Insert(at, []); break;
            case 4: // a cell deleted, the rest shifted left
                if (rows[at].Length == 0) break;
                var gone = random.Next(rows[at].Length);
                rows[at] = [.. rows[at].Where((_, i) => i != gone)];
                break;
            case 5: // a cell inserted, the rest shifted right
                var cells = rows[at].ToList();
                cells.Insert(random.Next(cells.Count + 1), Pick(random));
                rows[at] = [.. cells];
                break;
            case 6: // a cell replaced, often in the first rows where the headings are
                var row = random.Next(2) == 0 ? random.Next(Math.Min(rows.Count, 12)) : at;
                if (rows[row].Length == 0) rows[row] = [Pick(random)];
                else rows[row][random.Next(rows[row].Length)] = Pick(random);
                break;
            case 7: // a cell's text cut short or doubled
                if (rows[at].Length == 0) break;
                var c = random.Next(rows[at].Length);
                var text = rows[at][c];
                rows[at][c] = random.Next(2) == 0 ? text[..random.Next(text.Length + 1)] : text + text;
                break;
            case 8: // the rows from here on lost
                rows.RemoveRange(at, rows.Count - at);
                break;
            case 9: // a row made very wide
                rows[at] = [.. rows[at], .. Enumerable.Range(0, random.Next(1, 300)).Select(_ => Pick(random))];
                break;
            default: // two cells of a row swapped
                if (rows[at].Length < 2) break;
                var (a, b) = (random.Next(rows[at].Length), random.Next(rows[at].Length));
                (rows[at][a], rows[at][b]) = (rows[at][b], rows[at][a]);
                break;
        }
        return rows;
    }

    private static string Pick(Random random) => Interesting[random.Next(Interesting.Length)];
}
