using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DurableObjects.Channels.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Slack;

/// <summary>
/// Verifies that a request comes from Slack: <c>X-Slack-Signature</c> must be
/// <c>v0=</c> + hex(HMAC-SHA256(signing secret, <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c>)), and the timestamp
/// within <see cref="MaxAge"/> of now (either way), so a captured request cannot be replayed later.
/// </summary>
/// <remarks>
/// Trust model: the only check between the internet and the Slack webhooks. Fails closed (no secret configured, a
/// header missing or malformed → invalid) and compares in constant time. The Slack user id in the body is trusted
/// only after this check, and identifies one of our users only through a verified link.
/// </remarks>
public sealed class SlackSignatureValidator(IOptions<SlackOptions> options, TimeProvider clock)
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    /// <summary>Requests older (or further in the future) than this are refused.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>True when <paramref name="signature"/> signs <paramref name="body"/> (as UTF-8) at <paramref name="timestamp"/> and the timestamp is fresh.</summary>
    public bool IsValid(string? timestamp, string body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(body);
        return IsValid(timestamp, Encoding.UTF8.GetBytes(body), signature);
    }

    /// <summary>
    /// True when <paramref name="signature"/> signs the raw <paramref name="body"/> bytes at <paramref name="timestamp"/>
    /// and the timestamp is fresh. The bytes are signed as received: decoding them first would let a body whose bytes
    /// differ from the signed ones (invalid UTF-8 decodes to the same replacement character) pass.
    /// </summary>
    public bool IsValid(string? timestamp, ReadOnlySpan<byte> body, string? signature)
    {
        var secret = options.Value.SigningSecret;
        // A blank secret is no secret (SlackOptions treats it as not configured too): refuse rather than check against it.
        if (string.IsNullOrWhiteSpace(secret) || string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > MaxAge || age < -MaxAge)
        {
            return false;
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes($"v0:{timestamp}:"));
        hmac.AppendData(body);
        var mac = hmac.GetHashAndReset();
        var expected = Encoding.ASCII.GetBytes("v0=" + Convert.ToHexStringLower(mac));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim()));
    }

    /// <summary>Validates an incoming request; the body stays readable (buffered) for the handler.</summary>
    public async Task<bool> IsValidRequestAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        request.Body.Position = 0;
        return IsValid(request.Headers[TimestampHeader].ToString(), body.GetBuffer().AsSpan(0, (int)body.Length), request.Headers[SignatureHeader].ToString());
    }
}
