namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// Lets one read-change-write of an object row run at a time per object on this host. Correctness does not rest on
/// it (the ETag does: writers on other hosts still race, and lose with 412), but without it a hundred writers on one
/// host would mostly spend their time losing races to each other. Held for one attempt only, never while waiting
/// for another writer, so it cannot deadlock. Striped: objects sharing a stripe only wait a little for each other.
/// </summary>
public sealed class ObjectWriteGate : IDisposable
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for the object's turn; dispose the answer to end it.</summary>
    public async Task<Turn> EnterAsync(string key, CancellationToken cancellationToken = default)
    {
        var stripe = _stripes[(StringComparer.Ordinal.GetHashCode(key) & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Turn(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    /// <summary>One writer's turn at an object.</summary>
    public readonly struct Turn(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
