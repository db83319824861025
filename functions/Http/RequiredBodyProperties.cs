namespace DurableObjects.Functions.Http;

/// <summary>
/// Endpoint metadata: body properties this endpoint refuses without, where the body's type serves other endpoints that
/// do not (a monitor's <c>eventType</c> is needed to create one, not to change one). The OpenAPI document adds them to
/// the operation's body schema (<see cref="RequiredBodyPropertiesTransformer"/>).
/// </summary>
public sealed class RequiredBodyProperties(params IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;
}
