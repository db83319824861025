using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// A request to create an object with its initial code (the seed's "manual creation"). <paramref name="Operation"/>:
/// the keyed request creating it, if any (see <see cref="RequestOperation"/>).
/// </summary>
public sealed record CreateObject(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Files,
    string? Summary = null,
    RequestOperation? Operation = null);
