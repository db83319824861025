using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// One durable object, keyed by its lower-case name: the single writer of its versions and status.
/// Orleans runs one activation per key and one call at a time on it, so concurrent requests on one object are
/// serialized; ETags on its storage row refuse any second writer elsewhere.
/// Trust model: callers pass an <see cref="Actor"/> the host has already authenticated; the grain checks what
/// that actor may change (ownership, role) and validates every input itself, so no caller can skip a check.
/// </summary>
public interface IDurableObjectGrain : IGrainWithStringKey
{
    /// <summary>Creates the object with its first version (v1). Conflict if the name is taken.</summary>
    Task<Outcome<ObjectInfo>> CreateAsync(CreateObject command, Actor actor);

    /// <summary>The object, or null when it does not exist.</summary>
    Task<ObjectInfo?> GetAsync();

    Task<Outcome<ObjectInfo>> UpdateDescriptionAsync(string description, Actor actor);

    /// <summary>Stores a new immutable version, numbered one past the latest, and makes it current.</summary>
    Task<Outcome<VersionInfo>> AddVersionAsync(NewVersion version, Actor actor);

    /// <summary>Makes an earlier version current again; later versions are kept.</summary>
    Task<Outcome<ObjectInfo>> RollbackAsync(int version, Actor actor);

    Task<Outcome<ObjectInfo>> DeprecateAsync(Actor actor);
}
