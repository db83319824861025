namespace DurableObjects.Functions.Http;

/// <summary>
/// On a request record: a body must give at least one of these properties (named as in C#), a rule a
/// <c>required</c> list cannot state. The handler's service refuses a body that gives none (400); the OpenAPI document
/// states the rule as <c>anyOf</c> one-property <c>required</c> lists (<see cref="RequiredPropertiesTransformer"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresAnyOfAttribute(params string[] properties) : Attribute
{
    public IReadOnlyList<string> Properties { get; } = properties;
}
