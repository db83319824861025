using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Six-digit phone verification codes: uniformly random, stored only as HMAC-SHA256 under a random salt, compared
/// in constant time. The code space is small, so the attempt limit and expiry (not the hash) are what stop guessing.
/// </summary>
public static class VerificationCodes
{
    public const int Length = 6;

    public static string Generate() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    public static string NewSalt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string code, string salt) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(salt), Encoding.UTF8.GetBytes(code)));

    public static bool Matches(string code, string salt, string storedHash)
    {
        var expected = Convert.FromBase64String(storedHash);
        var actual = Convert.FromBase64String(Hash(code, salt));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The code in a message like "123456" or "code: 123 456", or null when the text is not just a code.</summary>
    public static string? Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (char.IsAsciiLetter(c) && !"code".Contains(char.ToLowerInvariant(c), StringComparison.Ordinal))
            {
                return null;
            }
        }
        return digits.Length == Length ? digits.ToString() : null;
    }
}
