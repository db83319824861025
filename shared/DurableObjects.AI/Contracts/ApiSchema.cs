namespace DurableObjects.AI.Contracts;

/// <summary>
/// The minimal public-API shape used by the planner prompts and the API-contract gate: one class and its public
/// methods. The host maps the Sandbox project's richer schema onto this one.
/// </summary>
public sealed record ApiSchema
{
    /// <summary>The object's class name.</summary>
    public required string ClassName { get; init; }

    /// <summary>Public methods.</summary>
    public required IReadOnlyList<ApiMethod> Methods { get; init; }

    /// <summary>An empty API for a class.</summary>
    public static ApiSchema Empty(string className) => new() { ClassName = className, Methods = [] };

    /// <summary>Shape problems (blank names, null items); empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClassName))
        {
            yield return "ClassName is required.";
        }

        foreach (var method in Methods ?? [])
        {
            if (method is null || string.IsNullOrWhiteSpace(method.Name) || string.IsNullOrWhiteSpace(method.ReturnType))
            {
                yield return "every method needs Name and ReturnType.";
            }
            else if ((method.Parameters ?? []).Any(p => p is null || string.IsNullOrWhiteSpace(p.Name) || string.IsNullOrWhiteSpace(p.Type)))
            {
                yield return $"every parameter of {method.Name} needs Name and Type.";
            }
        }
    }

    /// <summary>The comparable form of a type name: JSON-friendly, whitespace-insensitive (see <see cref="ApiTypeNames"/>).</summary>
    public static string NormalizeType(string? type) => ApiTypeNames.Normalize(type);
}
