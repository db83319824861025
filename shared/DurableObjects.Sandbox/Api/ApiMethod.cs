namespace DurableObjects.Sandbox.Api;

/// <summary>One public method of an object's API.</summary>
/// <param name="Name">The method name used to invoke it.</param>
/// <param name="Parameters">Parameters in declaration order.</param>
/// <param name="ReturnType">JSON-friendly result type (<c>void</c> when it returns nothing or a bare Task).</param>
/// <param name="Summary">The method's <c>&lt;summary&gt;</c> XML doc, if any.</param>
/// <param name="IsStatic">Whether the method is static (otherwise it runs on the object's single instance).</param>
public sealed record ApiMethod(
    string Name,
    IReadOnlyList<ApiParameter> Parameters,
    string ReturnType,
    string? Summary,
    bool IsStatic);
