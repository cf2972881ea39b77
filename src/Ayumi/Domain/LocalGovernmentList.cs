using System.Globalization;
using System.Text;

namespace Ayumi.Domain;

/// <summary>
/// Japan's 1,788 local governments (47 prefectures, 1,741 municipalities), from which an
/// administrator creates an organisation. Read once from <c>Data/Reference/local-governments.csv</c>
/// (source and licence in the README beside it); wards and codes without residents are kept
/// aside only to say why they cannot be chosen.
/// </summary>
public sealed class LocalGovernmentList
{
    private const string Header = "lg_code,kind,prefecture,name,kana,parent_code,population_2022_01_01,households_2022_01_01";
    private const string ResourceName = "Ayumi.Data.Reference.local-governments.csv";

    private readonly Dictionary<LocalGovernmentCode, LocalGovernment> _byCode;
    private readonly Dictionary<LocalGovernmentCode, (string Name, UnlistedReason Reason)> _leftOut;
    private readonly (LocalGovernment Entry, string Name, string FullName, string Reading)[] _searchable;

    private LocalGovernmentList(List<LocalGovernment> entries, Dictionary<LocalGovernmentCode, (string, UnlistedReason)> leftOut)
    {
        All = entries;
        _byCode = entries.ToDictionary(e => e.Code);
        _leftOut = leftOut;
        _searchable = entries.Select(e => (e, Fold(e.Name), Fold(e.FullName), Fold(e.Reading))).ToArray();
    }

    /// <summary>Every local government, in the list's order (code order: each prefecture, then its municipalities).</summary>
    public IReadOnlyList<LocalGovernment> All { get; }

    /// <summary>The list shipped with Ayumi.</summary>
    public static LocalGovernmentList Shipped()
    {
        using var stream = typeof(LocalGovernmentList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Read(reader);
    }

    /// <summary>Reads the list's CSV: the header, then one local government or ward per line.</summary>
    /// <exception cref="FormatException">A line is not a row of the list (its number and the reason are given).</exception>
    public static LocalGovernmentList Read(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header?.TrimStart('\uFEFF') != Header) throw new FormatException($"line 1: expected the header '{Header}'.");
        var entries = new List<LocalGovernment>();
        var leftOut = new Dictionary<LocalGovernmentCode, (string, UnlistedReason)>();
        var number = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != 8) throw new FormatException($"line {number}: {cells.Length} columns, expected 8.");
            if (!LocalGovernmentCode.TryParse(cells[0], out var code, out var reason)) throw new FormatException($"line {number}: {reason}");
            if (!int.TryParse(cells[6], NumberStyles.None, CultureInfo.InvariantCulture, out var population))
                throw new FormatException($"line {number}: '{cells[6]}' is not a population.");
            LocalGovernmentCode? parent = null;
            if (cells[5].Length > 0)
            {
                if (!LocalGovernmentCode.TryParse(cells[5], out var parsed, out reason)) throw new FormatException($"line {number}: parent {reason}");
                parent = parsed;
            }
            var kind = cells[1] switch
            {
                "prefecture" => OrganisationKind.Prefecture,
                "municipality" => OrganisationKind.Municipality,
                "ward" => (OrganisationKind?)null,
                _ => throw new FormatException($"line {number}: '{cells[1]}' is not a kind (prefecture, municipality, ward)."),
            };
            if (kind is null) leftOut[code] = (cells[3], UnlistedReason.Ward);
            else if (population == 0) leftOut[code] = (cells[3], UnlistedReason.NoPopulation);
            else entries.Add(new LocalGovernment(code, kind.Value, cells[2], cells[3], cells[4], parent, population));
        }
        return new LocalGovernmentList(entries, leftOut);
    }

    public LocalGovernment? Find(LocalGovernmentCode code) => _byCode.GetValueOrDefault(code);

    /// <summary>Why <paramref name="code"/> is not in the list, with the name it has when it is a ward or a village without residents.</summary>
    public (string? Name, UnlistedReason Reason) WhyUnlisted(LocalGovernmentCode code) =>
        _leftOut.TryGetValue(code, out var found) ? found : (null, UnlistedReason.Unknown);

    /// <summary>The local government an organisation with <paramref name="code"/> is; only those of the list can be created from it.</summary>
    /// <exception cref="DomainException">The code is a ward, a village without residents, or no local government of the list.</exception>
    public LocalGovernment Require(LocalGovernmentCode code)
    {
        if (Find(code) is { } found) return found;
        var (name, reason) = WhyUnlisted(code);
        throw reason switch
        {
            UnlistedReason.Ward => new DomainException($"{code} is {name}, a ward of a designated city: choose the city.", "organisationNew.ward", code.Value, name!),
            UnlistedReason.NoPopulation => new DomainException($"{code} is {name}, which has no residents and runs no plan.", "organisationNew.noPopulation", code.Value, name!),
            _ => new DomainException($"{code} is not a local government of the national list; a wide-area union is entered by hand.", "organisationNew.notListed", code.Value),
        };
    }

    /// <summary>
    /// The local governments whose name (恵那市, 岐阜県恵那市) or reading (えなし, エナシ) contains
    /// <paramref name="query"/>, or whose code starts with it; full- and half-width forms, hiragana
    /// and katakana, ヶ and ケ are the same. Exact matches first, then names and readings that start
    /// with the query, prefectures before municipalities, then in code order.
    /// </summary>
    public IReadOnlyList<LocalGovernment> Search(string? query, int limit = 20)
    {
        var folded = Fold(query ?? "");
        if (folded.Length == 0) return [];
        if (folded.All(char.IsAsciiDigit))
            return All.Where(e => e.Code.Value.StartsWith(folded, StringComparison.Ordinal)).Take(limit).ToList();
        return _searchable
            .Select(s => (s.Entry, Rank: Rank(s, folded)))
            .Where(r => r.Rank >= 0)
            .OrderBy(r => r.Rank).ThenBy(r => r.Entry.Kind).ThenBy(r => r.Entry.Code.Value, StringComparer.Ordinal)
            .Take(limit).Select(r => r.Entry).ToList();
    }

    private static int Rank((LocalGovernment Entry, string Name, string FullName, string Reading) s, string query)
    {
        if (s.Name == query || s.FullName == query || s.Reading == query) return 0;
        if (s.Name.StartsWith(query, StringComparison.Ordinal) || s.FullName.StartsWith(query, StringComparison.Ordinal)) return 1;
        if (s.Reading.StartsWith(query, StringComparison.Ordinal)) return 2;
        if (s.FullName.Contains(query, StringComparison.Ordinal) || s.Reading.Contains(query, StringComparison.Ordinal)) return 3;
        return -1;
    }

    /// <summary>NFKC without spaces, katakana as hiragana, and the small ヶ/ヵ as け/か (外ヶ浜町 is also written 外ケ浜町).</summary>
    internal static string Fold(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var folded = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c)) continue;
            var hiragana = c is >= '\u30A1' and <= '\u30F6' ? (char)(c - 0x60) : c;
            folded.Append(hiragana switch { '\u3096' => 'け', '\u3095' => 'か', _ => hiragana });
        }
        return folded.ToString();
    }
}
