using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// The content of a version to add: files (path to C# source) and a summary. The API schema is derived from the code.
/// <paramref name="Operation"/>: the keyed request adding it, if any (see <see cref="RequestOperation"/>).
/// <paramref name="BaseVersion"/>: the version the files were made from, if the writer knows it; then the version is
/// stored only while that is still the version a new one follows (<see cref="VersionBasis"/>), and refused with a
/// conflict otherwise, so a change never lands on top of one its writer did not see.
/// <paramref name="WriteId"/>: the id the version row carries, the same for every attempt of one write that is not a
/// keyed request (a run's commit: its run id), so an attempt finds the version an earlier one stored; by default the
/// operation's id, else a new one.
/// </summary>
public sealed record NewVersion(
    IReadOnlyDictionary<string, string> Files,
    string? Summary = null,
    RequestOperation? Operation = null,
    int? BaseVersion = null,
    string? WriteId = null);
