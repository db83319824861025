namespace DurableObjects.Runner.Protocol;

/// <summary>
/// The first segment of a non-Ok response. <see cref="ErrorType"/> is the object's exception type name (for
/// <see cref="ResponseStatus.ObjectThrew"/>) or a short code; <see cref="Message"/> is bounded and never carries a
/// stack trace.
/// </summary>
internal sealed record ErrorPayload(string? ErrorType, string Message);
