using System.Globalization;
using Ayumi.Domain;

namespace Ayumi.Features.Reports;

/// <summary>One published opinion as the outputs print it: its number, the measure it is about, the body, the wording and the answer.</summary>
public sealed record OpinionLine(int Number, string Measure, string Body, string Opinion, string Answer)
{
    public IReadOnlyList<string> Cells => [Number.ToString(CultureInfo.InvariantCulture), Measure, Body, Opinion, Answer];
}

/// <summary>
/// 主な意見と市（県）の考え方 of one year: the section the progress sheet prints after its table in every format (page, PDF,
/// workbook, CSV), and the public page of the year's opinions. Holds only what <see cref="Accounts.Publication.SeesOpinions"/>
/// lets the reader see; it is built from the chosen opinions, never from the comments.
/// </summary>
public sealed record OpinionSection(string Title, IReadOnlyList<string> Headings, IReadOnlyList<OpinionLine> Lines)
{
    /// <param name="opinions">The year's opinions, in their order.</param>
    public static OpinionSection Of(Plan plan, IReadOnlyList<PublishedOpinion> opinions, Func<string, string> text)
    {
        var self = Self(plan.Organisation, text);
        var measures = plan.Measures.ToDictionary(m => m.Id);
        return new(
            string.Format(CultureInfo.InvariantCulture, text("opinions.title"), self),
            [text("opinions.number"), text("opinions.measure"), text("opinions.body"), text("opinions.opinion"), string.Format(CultureInfo.InvariantCulture, text("opinions.answer"), self)],
            opinions.Select((o, i) => new OpinionLine(i + 1,
                o.MeasureId is { } id && measures.TryGetValue(id, out var measure) ? measure.PositionName() : text("opinions.severalMeasures"),
                o.BodyName ?? "", o.Opinion, o.Answer ?? "")).ToList());
    }

    /// <summary>How the organisation names itself in 「市の考え方」: 市, 町, 村, 区, 県, 都, 道 or 府 (city, prefecture… in English).</summary>
    public static string Self(Organisation organisation, Func<string, string> text)
    {
        var key = organisation.Name.Length == 0 ? ' ' : organisation.Name[^1];
        return text("opinions.self." + key switch
        {
            '都' => "to", '道' => "do", '府' => "fu", '県' => "ken", '市' => "shi", '区' => "ku", '町' => "machi", '村' => "mura",
            _ => organisation.Kind == OrganisationKind.Prefecture ? "ken" : "union",
        });
    }
}
