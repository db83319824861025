namespace DurableObjects.AI.Contracts;

/// <summary>A parameter of a public method.</summary>
public sealed record ApiParameter
{
    /// <summary>Parameter name (callers bind JSON arguments by name).</summary>
    public required string Name { get; init; }

    /// <summary>C# type as written, e.g. <c>int</c> or <c>List&lt;string&gt;</c>.</summary>
    public required string Type { get; init; }
}
