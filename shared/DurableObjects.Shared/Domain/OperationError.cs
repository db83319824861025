namespace DurableObjects.Shared.Domain;

/// <summary>A refused operation: its kind, a sentence for people, and per-field details where there are some.</summary>
public sealed record OperationError(
    ErrorKind Kind,
    string Message,
    IReadOnlyDictionary<string, string[]>? Fields = null)
{
    /// <summary>For a refusal that passes with time (<see cref="ErrorKind.TooManyRequests"/>): when to ask again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>One invalid field of a request, with what a valid value looks like.</summary>
    public static OperationError InvalidField(string field, string message) =>
        new(ErrorKind.Invalid, "The request has invalid fields.", new Dictionary<string, string[]> { [field] = [message] });
}
