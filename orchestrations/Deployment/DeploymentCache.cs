using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// This host's copy of what each object serves (its row: deployments per environment, public-invoke setting), so an
/// invocation costs no storage read. While storage answers, an entry is answered for at most
/// <see cref="ServingOptions.DeploymentCacheBound"/> from the moment its read began, and refreshed in the background from
/// half that age, so a steadily invoked object never waits for storage. While storage does not answer, the last row
/// read keeps serving for up to <see cref="ServingOptions.DeploymentOutageBound"/> after its read (the refresh is
/// retried meanwhile), so invocations go on from this host's runners through an outage; past that bound they fail
/// rather than serve a row that may since have changed elsewhere (<see cref="RefreshingCache{TValue}"/>).
/// A change of the object's row written on this host (a deploy, a rollback, a new version pointed at) replaces the entry
/// with the row it wrote under its ETag (<see cref="Written"/>), so this host serves its own deploys immediately,
/// without reading back what it wrote, and keeps serving through an outage that begins right after; other hosts serve
/// them within the bound.
/// </summary>
public sealed class DeploymentCache(ObjectStore objects, ServingRunners serving, IOptions<ServingOptions> options)
{
    // Ages are Stopwatch timestamps (TimeProvider.System's), as Written's callers take them.
    private readonly RefreshingCache<ObjectInfo?> _rows = new(
        async key => (await objects.GetAsync(key))?.Info,
        options.Value.DeploymentCacheBound,
        options.Value.DeploymentOutageBound,
        TimeProvider.System,
        serving.Observe);

    /// <summary>The object as read at most the bound ago, or while storage does not answer at most the outage bound
    /// ago (null: it did not exist then).</summary>
    public ValueTask<ObjectInfo?> GetAsync(string key) => _rows.GetAsync(key);

    /// <summary>
    /// Takes the row this host has just written under its ETag as the entry, aged from <paramref name="writeStarted"/>
    /// (a <see cref="System.Diagnostics.Stopwatch"/> timestamp taken before the write was sent: the row was storage's at
    /// least from the write's completion, so it is never counted younger than it is). A read already under way is not kept.
    /// </summary>
    public void Written(string key, ObjectInfo written, long writeStarted)
    {
        ArgumentNullException.ThrowIfNull(written);
        _rows.Set(key, written, writeStarted);
        serving.Observe(key, written);
    }

}
