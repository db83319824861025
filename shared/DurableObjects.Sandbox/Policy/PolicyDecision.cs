namespace DurableObjects.Sandbox.Policy;

/// <summary>Whether the sandbox policy permits a type or member, and if not, why.</summary>
public readonly record struct PolicyDecision(bool Allowed, string? Reason)
{
    public static PolicyDecision Allow { get; } = new(true, null);

    public static PolicyDecision Deny(string reason) => new(false, reason);
}
