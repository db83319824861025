using System.Security.Cryptography;
using System.Text;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Personal API tokens: 32 random bytes, base64url, prefixed "do_" so they are recognisable in a leak scan.
/// Only the SHA-256 of a token is stored; the token itself is shown once, when it is made.
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "do_";

    public static string Generate() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A short, non-secret handle of a token for listings and audit records.</summary>
    public static string ShortId(string tokenHash) => tokenHash[..12];

    public static bool LooksLikeToken(string? value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length is > 10 and < 100;

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
