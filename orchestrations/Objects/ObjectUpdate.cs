namespace DurableObjects.Orchestrations.Objects;

/// <summary>Changes to an object's settings; null fields stay as they are.</summary>
[GenerateSerializer, Immutable]
public sealed record ObjectUpdate([property: Id(0)] string? Description = null, [property: Id(1)] bool? PublicInvoke = null);
