using DurableObjects.Shared.Domain;
using Orleans.Concurrency;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// One durable object, keyed by its lower-case name: the single writer of its versions, status and deployments,
/// and the owner of the runners that serve it. Orleans runs one activation per key and one call at a time on it
/// (invocations excepted: they interleave, reading the serving runner atomically), so concurrent changes to one
/// object are serialized; ETags on its storage row refuse any second writer elsewhere.
/// Trust model: callers pass an <see cref="Actor"/> the host has already authenticated; the grain checks what that
/// actor may change (ownership, role) and validates every input itself. Object code is compiled here but only ever
/// executed in a runner process.
/// </summary>
public interface IDurableObjectGrain : IGrainWithStringKey
{
    /// <summary>Creates the object with its first version (v1). Conflict if the name is taken; 422 if the code cannot compile.</summary>
    Task<Outcome<ObjectInfo>> CreateAsync(CreateObject command, Actor actor);

    /// <summary>The object, or null when it does not exist.</summary>
    Task<ObjectInfo?> GetAsync();

    Task<Outcome<ObjectInfo>> UpdateAsync(ObjectUpdate update, Actor actor);

    /// <summary>Compiles, then stores a new immutable version numbered one past the latest, and makes it current.</summary>
    Task<Outcome<VersionInfo>> AddVersionAsync(NewVersion version, Actor actor);

    /// <summary>
    /// Makes an earlier version current again (later versions are kept). Where the object is deployed, the earlier
    /// version is deployed to those environments first; if that fails, nothing changes.
    /// </summary>
    Task<Outcome<ObjectInfo>> RollbackAsync(int version, Actor actor);

    Task<Outcome<ObjectInfo>> DeprecateAsync(Actor actor);

    /// <summary>
    /// Deploys a version to an environment: compile (or take the cached artifact), start a runner, smoke-check,
    /// run the object's tests, then switch. On failure the object is marked failed with the reason and whatever
    /// served before keeps serving.
    /// </summary>
    Task<Outcome<ObjectInfo>> DeployAsync(DeployRequest request, Actor actor);

    /// <summary>Deploys the version serving in <paramref name="fromEnvironment"/> to the next environment.</summary>
    Task<Outcome<ObjectInfo>> PromoteAsync(string fromEnvironment, Actor actor);

    /// <summary>Invokes a public method of the version serving in an environment, with arguments as a JSON object.</summary>
    [AlwaysInterleave]
    Task<InvokeResult> InvokeAsync(string method, string argumentsJson, string? environment, bool callerAuthenticated);
}
