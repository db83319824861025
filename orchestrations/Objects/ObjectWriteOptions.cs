namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// How writers of one object share it through storage (section <c>DurableObjects:Objects</c>). There is no
/// in-memory owner of an object: every host writes it directly, and storage concurrency keeps one writer at a time.
/// </summary>
public sealed class ObjectWriteOptions
{
    public const string Section = "DurableObjects:Objects";

    /// <summary>
    /// A version row older than this that the object row does not point at yet is taken for the leftover of a writer
    /// that died between its two writes, and adopted (with its <c>version.added</c> event, marked recovered). Younger
    /// ones belong to a writer still finishing: they are waited for, never adopted, so a slow writer is not mistaken
    /// for a dead one. Must exceed the longest pause between a version's two writes (milliseconds normally).
    /// </summary>
    public TimeSpan AdoptAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a write keeps retrying after losing a race (409 or 412) before it answers 409 "try again".</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(30);
}
