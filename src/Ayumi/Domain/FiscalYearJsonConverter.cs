using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ayumi.Domain;

/// <summary>Writes a fiscal year as "FY2024" and reads every form <see cref="FiscalYear.Parse"/> takes.</summary>
public sealed class FiscalYearJsonConverter : JsonConverter<FiscalYear>
{
    public override FiscalYear Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A number is the year the fiscal year starts in; one outside the calendar's range is the file's error, not ours.
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetInt32(out var start) && start is >= FiscalYear.MinStartYear and <= FiscalYear.MaxStartYear ? new FiscalYear(start)
                : throw new JsonException($"{reader.GetDouble()} is not a fiscal year between {FiscalYear.MinStartYear} and {FiscalYear.MaxStartYear}.");
        var text = reader.GetString();
        return FiscalYear.TryParse(text, out var year) ? year : throw new JsonException($"'{text}' is not a fiscal year (examples: R6, 令和6年度, FY2024).");
    }

    public override void Write(Utf8JsonWriter writer, FiscalYear value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
