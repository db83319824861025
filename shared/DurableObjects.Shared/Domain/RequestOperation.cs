using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DurableObjects.Shared.Domain;

/// <summary>
/// One logical request that creates something, as its client's <c>Idempotency-Key</c> names it: the same for every
/// attempt of it (a retry after a 503 included), different for any other request. What such a request creates
/// carries <see cref="Id"/> (a version's write id, a run's or a monitor's id derived from it), so an attempt that
/// follows one whose outcome is unknown (<see cref="Retried"/>: it answered 5xx, or its lease ran out) finds what the
/// earlier attempt created and answers with it instead of creating it a second time — storage may well have applied
/// a write whose answer never came back.
/// </summary>
/// <param name="Id">32 hex digits: SHA-256 of the user, the key and when the key was first reserved (a key used again
/// after its retention is another operation).</param>
/// <param name="Retried">An earlier attempt of this operation ran and its outcome is unknown: look for what it created.</param>
/// <param name="FirstAttemptAt">When the first attempt reserved the key (the time part of ids derived from it).</param>
public sealed record RequestOperation(string Id, bool Retried, DateTimeOffset FirstAttemptAt)
{
    public static RequestOperation Of(string userId, string idempotencyKey, DateTimeOffset firstAttemptAt, bool retried)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var text = string.Create(CultureInfo.InvariantCulture, $"{userId}\n{idempotencyKey}\n{firstAttemptAt.UtcTicks}");
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
        return new RequestOperation(id, retried, firstAttemptAt);
    }

    /// <summary>
    /// A version-7 UUID (32 hex digits, no dashes) that every attempt of this operation derives alike: the first
    /// attempt's time in its first 48 bits (so ids made this way sort by time like <see cref="Guid.CreateVersion7()"/>),
    /// the rest from <see cref="Id"/>.
    /// </summary>
    public string DeriveVersion7Id()
    {
        Span<byte> bytes = stackalloc byte[16];
        Convert.FromHexString(Id, bytes, out _, out _);
        var millis = FirstAttemptAt.ToUnixTimeMilliseconds();
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, millis);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true).ToString("N");
    }
}
