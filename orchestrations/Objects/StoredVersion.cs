using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// A version stored and pointed at: the version, the object (Info) as it was left, and whether another host adopted the
/// version first (then that host recorded its <c>version.added</c> event, and the writer must not record it again).
/// </summary>
public sealed record StoredVersion(VersionInfo Version, ObjectInfo Info, bool AdoptedElsewhere);
