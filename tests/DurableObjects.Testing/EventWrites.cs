using Azure.Core;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Testing;

/// <summary>Storage requests that write one type of audit event, for <see cref="StorageFaults"/>.</summary>
public static class EventWrites
{
    /// <summary>A write to the events table (alone or in a transaction) whose body records an event of <paramref name="type"/>.</summary>
    public static Func<HttpMessage, bool> Of(string type)
    {
        var write = StorageFaults.WriteTo(TableNames.Events);
        return message => write(message) && StorageFaults.Body(message).Contains($"\"Type\":\"{type}\"", StringComparison.Ordinal);
    }

    /// <summary>Only the first <paramref name="count"/> requests matching <paramref name="match"/> (e.g. each try of one call).</summary>
    public static Func<HttpMessage, bool> First(int count, Func<HttpMessage, bool> match)
    {
        var left = count;
        return message => match(message) && Interlocked.Decrement(ref left) >= 0;
    }
}
