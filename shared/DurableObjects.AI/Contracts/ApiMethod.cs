namespace DurableObjects.AI.Contracts;

/// <summary>A public method of a durable object. Methods are invoked by name, so names are unique (no overloads).</summary>
public sealed record ApiMethod
{
    /// <summary>Method name.</summary>
    public required string Name { get; init; }

    /// <summary>Return type as callers see it (JSON-friendly name, or C# type in a plan); <c>void</c> for none.</summary>
    public required string ReturnType { get; init; }

    /// <summary>Parameters in order.</summary>
    public required IReadOnlyList<ApiParameter> Parameters { get; init; }

    /// <summary>Display form, e.g. <c>Add(a: integer, b?: integer): integer</c>.</summary>
    public string Signature() =>
        $"{Name}({string.Join(", ", (Parameters ?? []).Select(p => $"{p.Name}{(p.Optional ? "?" : string.Empty)}: {p.Type}"))}): {ReturnType}";
}
