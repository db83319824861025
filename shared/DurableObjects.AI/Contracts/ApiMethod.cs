namespace DurableObjects.AI.Contracts;

/// <summary>A public method of a durable object.</summary>
public sealed record ApiMethod
{
    /// <summary>Method name.</summary>
    public required string Name { get; init; }

    /// <summary>C# return type as written, e.g. <c>int</c>, <c>Task&lt;string&gt;</c>, <c>void</c>.</summary>
    public required string ReturnType { get; init; }

    /// <summary>Parameters in order.</summary>
    public required IReadOnlyList<ApiParameter> Parameters { get; init; }

    /// <summary>Identity for overloads: name and parameter types, e.g. <c>Add(int,int)</c>.</summary>
    public string Signature() => $"{Name}({string.Join(",", (Parameters ?? []).Select(p => ApiSchema.NormalizeType(p.Type)))})";
}
