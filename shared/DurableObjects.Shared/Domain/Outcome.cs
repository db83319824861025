namespace DurableObjects.Shared.Domain;

/// <summary>
/// The result of a command on a grain or service: a value, or an <see cref="OperationError"/>.
/// Refusals are values, not exceptions, so they cross grain boundaries cheaply and can never leak a stack trace.
/// </summary>
public sealed record Outcome<T>(T? Value, OperationError? Error)
{
    public bool Succeeded => Error is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(ErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? fields = null) =>
        new(default, new OperationError(kind, message, fields));

    public static implicit operator Outcome<T>(OperationError error) => new(default, error);
}
