using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace DurableObjects.Channels.Phone;

/// <summary>E.164 validation, normalization and masking for logs.</summary>
public static class PhoneNumbers
{
    /// <summary>True for a strict E.164 number: '+', a non-zero digit, at most 15 digits in all.</summary>
    public static bool IsE164([NotNullWhen(true)] string? value)
    {
        if (value is null || value.Length < 3 || value.Length > 16 || value[0] != '+' || value[1] is < '1' or > '9')
        {
            return false;
        }

        for (var i = 2; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Normalizes a number as people type it ("(555) 123-4567", "+44 20 7946 0958", "0044…") to E.164.
    /// Numbers without a country code are accepted only for the default country code "1" (NANP: ten digits).
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? e164, string defaultCountryCode = "1")
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var digits = new StringBuilder();
        var trimmed = input.Trim();
        var international = trimmed.StartsWith('+');
        foreach (var c in trimmed.AsSpan(international ? 1 : 0))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        var number = digits.ToString();
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            number = number[2..];
        }

        if (!international)
        {
            if (defaultCountryCode == "1" && number.Length == 10)
            {
                number = "1" + number;
            }
            else if (!(defaultCountryCode == "1" && number.Length == 11 && number[0] == '1'))
            {
                return false;
            }
        }

        var candidate = "+" + number;
        if (!IsE164(candidate))
        {
            return false;
        }

        e164 = candidate;
        return true;
    }

    /// <summary>Masks a number for logs: "+15551234567" → "+1******4567". Never log a number any other way.</summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "(none)";
        }

        if (value.Length < 8)
        {
            return "***";
        }

        return string.Concat(value.AsSpan(0, 2), new string('*', value.Length - 6), value.AsSpan(value.Length - 4));
    }
}
