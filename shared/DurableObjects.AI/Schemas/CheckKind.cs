namespace DurableObjects.AI.Schemas;

/// <summary>The LLM judges a plan can route a candidate to.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CheckKind>))]
public enum CheckKind
{
    /// <summary>Human preference: readability, maintainability, elegance, documentation. Always routed.</summary>
    Preference,

    /// <summary>Constraints from the request, the original code and the API schema.</summary>
    Constraint,

    /// <summary>Algorithms, maths, domain facts and comments are correct.</summary>
    Factuality,
}
