using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Functions.Http;

/// <summary>
/// One Idempotency-Key of one user: partition = user id, row = SHA-256 of the key (the key itself is never stored).
/// <see cref="State"/> is <c>pending</c> while the first request runs, <c>done</c> with its answer, or <c>failed</c>
/// (it answered 5xx, so a retry runs it again). The answer body is encrypted with a key derived from the
/// Idempotency-Key (<see cref="IdempotencyCipher"/>): a body holding a secret, such as a new API token, cannot be read
/// from storage without the key only its client knows.
/// </summary>
public sealed class IdempotencyRecord : ITableEntity
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string State { get; set; } = Pending;

    /// <summary>Who reserved the key: one id per request attempt. An insert whose answer was lost (storage froze, the
    /// storage client retried it and got 409) finds its own reservation by this id instead of taking it for a
    /// duplicate's.</summary>
    public string ClaimId { get; set; } = "";

    /// <summary>SHA-256 of method, path, query and body: the same key with another request is refused (422).</summary>
    public string RequestHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LeaseUntil { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }

    /// <summary>Encrypted answer body, in chunks of at most 60 KiB (a table property holds 64 KiB).</summary>
    public byte[]? Body0 { get; set; }
    public byte[]? Body1 { get; set; }
    public byte[]? Body2 { get; set; }
    public byte[]? Body3 { get; set; }
    public byte[]? Body4 { get; set; }
    public byte[]? Body5 { get; set; }
    public byte[]? Body6 { get; set; }
    public byte[]? Body7 { get; set; }
    public byte[]? Body8 { get; set; }

    public const int ChunkBytes = 60 << 10;
    public const int MaxChunks = 9;

    public void SetBody(byte[]? body)
    {
        var chunks = new byte[]?[MaxChunks];
        for (var i = 0; body is not null && i * ChunkBytes < body.Length && i < MaxChunks; i++)
        {
            chunks[i] = body.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, body.Length - i * ChunkBytes)).ToArray();
        }
        (Body0, Body1, Body2, Body3, Body4, Body5, Body6, Body7, Body8) =
            (chunks[0], chunks[1], chunks[2], chunks[3], chunks[4], chunks[5], chunks[6], chunks[7], chunks[8]);
    }

    public byte[]? GetBody()
    {
        byte[]?[] chunks = [Body0, Body1, Body2, Body3, Body4, Body5, Body6, Body7, Body8];
        return Body0 is null ? null : chunks.TakeWhile(c => c is not null).SelectMany(c => c!).ToArray();
    }
}
