using System.Collections.Frozen;
using Hypercare.Core.Problems;

namespace Hypercare.Core.Calendar;

/// <summary>ISO 3166-1 alpha-2 country codes: checks what users type before any data is looked up.</summary>
internal static class CountryCodes
{
    // The officially assigned codes, plus XK (Kosovo, user-assigned but in general use).
    private static readonly FrozenSet<string> Assigned = (
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET " +
        "FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU " +
        "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
        "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM " +
        "PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
        "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    internal const string Code = "calendar-country-invalid";

    /// <summary>Normalizes a code to upper case, or explains why it is not one.</summary>
    public static bool TryNormalize(string text, out string code, out string why, out string hint)
    {
        var trimmed = text.Trim();
        code = trimmed.ToUpperInvariant();
        why = "";
        hint = "";
        if (trimmed.Length != 2 || !char.IsAsciiLetter(trimmed[0]) || !char.IsAsciiLetter(trimmed[1]))
        {
            why = $"'{text}' is not a country code: a country is its two-letter ISO 3166-1 alpha-2 code";
            hint = code switch
            {
                "USA" => "the United States is US",
                "GBR" or "UK" => "the United Kingdom is GB",
                _ => "use two letters such as US, GB, DE or CN",
            };
            return false;
        }
        if (Assigned.Contains(code)) return true;
        why = $"'{text}' is not an ISO 3166-1 alpha-2 country code";
        hint = code switch
        {
            "UK" => "the United Kingdom is GB",
            "EL" => "Greece is GR",
            _ => "use an assigned two-letter code such as US, GB, DE or CN",
        };
        return false;
    }

    /// <summary>Normalizes a code or throws a bad-input error at <paramref name="location"/>.</summary>
    public static string Normalize(string text, SourceLocation location) =>
        TryNormalize(text, out var code, out var why, out var hint) ? code : throw new BadInputException(Code, why, hint, location);
}
