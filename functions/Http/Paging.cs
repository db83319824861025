using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Page-size and continuation-token rules shared by every listing. The API hands out its own opaque tokens: the
/// store's token (Table Storage's next keys, the outbox's offset) in base64url with a short checksum, so a token the
/// API did not give out — truncated, edited, invented — is a 400 instead of silently answering some other page.
/// The checksum detects damage, not intent: a forged token could only start the same caller's own query elsewhere.
/// </summary>
public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    private const int ChecksumBytes = 4;
    private static readonly byte[] ChecksumSalt = "durable-objects/page/v1:"u8.ToArray();

    public static ProblemHttpResult? Check(int? pageSize) =>
        pageSize is < 1 or > MaxSize ? Problems.Invalid("pageSize", $"pageSize is between 1 and {MaxSize}.") : null;

    /// <summary>Checks the page size and opens the token; <paramref name="storeToken"/> is what the store understands.</summary>
    public static ProblemHttpResult? Check(int? pageSize, string? continuationToken, out string? storeToken)
    {
        storeToken = null;
        if (Check(pageSize) is { } bad)
        {
            return bad;
        }
        return TryOpen(continuationToken, out storeToken)
            ? null
            : Problems.Invalid("continuationToken", "This continuationToken was not given out by this API (or was cut short). Leave it out to start from the first page.");
    }

    /// <summary>The token to hand out for the store's <paramref name="storeToken"/>; null stays null (the last page).</summary>
    public static string? Seal(string? storeToken)
    {
        if (storeToken is null)
        {
            return null;
        }
        var raw = Encoding.UTF8.GetBytes(storeToken);
        return Base64Url.EncodeToString(raw) + "." + Convert.ToHexStringLower(Checksum(raw));
    }

    /// <summary>True with the store's token for a token from <see cref="Seal"/>, or with null for no token.</summary>
    public static bool TryOpen(string? token, out string? storeToken)
    {
        storeToken = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }
        var dot = token.LastIndexOf('.');
        if (dot <= 0 || token.Length - dot - 1 != ChecksumBytes * 2 || !Base64Url.IsValid(token.AsSpan(0, dot)))
        {
            return false;
        }
        byte[] raw;
        byte[] checksum;
        try
        {
            raw = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            checksum = Convert.FromHexString(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }
        if (!CryptographicOperations.FixedTimeEquals(checksum, Checksum(raw)))
        {
            return false;
        }
        storeToken = Encoding.UTF8.GetString(raw);
        return true;
    }

    private static byte[] Checksum(byte[] raw) => SHA256.HashData([.. ChecksumSalt, .. raw])[..ChecksumBytes];
}
