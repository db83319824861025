namespace DurableObjects.Orchestrations.Objects;

/// <summary>Changes to an object's settings; null fields stay as they are.</summary>
public sealed record ObjectUpdate(string? Description = null, bool? PublicInvoke = null);
