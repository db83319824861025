using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// The content of a version to add: files (path to C# source) and a summary. The API schema is derived from the code.
/// <paramref name="Operation"/>: the keyed request adding it, if any (see <see cref="RequestOperation"/>).
/// </summary>
public sealed record NewVersion(
    IReadOnlyDictionary<string, string> Files,
    string? Summary = null,
    RequestOperation? Operation = null);
