namespace DurableObjects.AI.Contracts;

/// <summary>A parameter of a public method.</summary>
public sealed record ApiParameter
{
    /// <summary>Parameter name; callers pass JSON arguments by name (case-insensitively).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The type callers see: the Sandbox's JSON-friendly name (<c>integer</c>, <c>string</c>, <c>array&lt;number&gt;</c>)
    /// when mapped from a compiled schema, or the C# type as written in a plan.
    /// </summary>
    public required string Type { get; init; }

    /// <summary>Whether the parameter has a default value and may be omitted by callers.</summary>
    public bool Optional { get; init; }
}
