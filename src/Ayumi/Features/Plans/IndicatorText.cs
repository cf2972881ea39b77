using System.Globalization;

namespace Ayumi.Features.Plans;

public static class IndicatorText
{
    /// <summary>2,329グループ, 95.1%: the value with thousands separators and no trailing zeros, then the unit.</summary>
    public static string Value(decimal value, string unit) =>
        value.ToString("#,0.####", CultureInfo.InvariantCulture) + unit;
}
