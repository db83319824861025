using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Personal API tokens: 32 random bytes, base64url, prefixed "do_" so they are recognisable in a leak scan.
/// Only the SHA-256 of a token is stored; the token itself is shown once, when it is made.
/// </summary>
public static partial class ApiTokens
{
    public const string Prefix = "do_";

    /// <summary>How long a <see cref="ShortId"/> is: 48 bits of the hash, enough to tell one person's tokens apart.</summary>
    public const int ShortIdLength = 12;

    public const string ShortIdRule = "A token id is the 12 lower-case hex digits shown when the token was made or listed.";

    public static string Generate() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A short, non-secret handle of a token for listings and audit records.</summary>
    public static string ShortId(string tokenHash) => tokenHash[..ShortIdLength];

    /// <summary>Whether <paramref name="value"/> has the shape <see cref="ShortId"/> produces (lower-case hex digits).</summary>
    public static bool IsShortId(string? value) => value is not null && ShortIdPattern().IsMatch(value);

    public static bool LooksLikeToken(string? value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length is > 10 and < 100;

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"^[0-9a-f]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ShortIdPattern();
}
