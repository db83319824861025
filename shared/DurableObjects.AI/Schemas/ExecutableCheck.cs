namespace DurableObjects.AI.Schemas;

/// <summary>
/// A check the verifier proposes to ground a claim by execution: a C# expression over the object that should equal
/// <see cref="Expected"/>. The host may run it in the sandbox runner (never in-process); it is untrusted code.
/// </summary>
public sealed record ExecutableCheck
{
    /// <summary>What the check shows.</summary>
    public required string Description { get; init; }

    /// <summary>A C# expression using the object's public API, e.g. <c>new Calc().Factorial(5)</c>.</summary>
    public required string Expression { get; init; }

    /// <summary>The expected value, as a C# literal, e.g. <c>120</c>.</summary>
    public required string Expected { get; init; }
}
