namespace DurableObjects.AI.Structured;

/// <summary>
/// The model gave no valid answer within the re-ask budget. Carries the last validation errors and the usage of
/// every attempt (already added to the ledger).
/// </summary>
public sealed class StructuredOutputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StructuredOutputException()
        : this("The model gave no valid structured answer.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StructuredOutputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public StructuredOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a call that ran out of attempts.</summary>
    public StructuredOutputException(string callName, int attempts, IReadOnlyList<string> errors, IReadOnlyList<UsageEntry> usage)
        : base($"The model gave no valid answer for '{callName}' after {attempts} attempt(s): {string.Join("; ", errors.Take(5))}")
    {
        CallName = callName;
        Attempts = attempts;
        Errors = errors;
        Usage = usage;
    }

    /// <summary>The step that failed.</summary>
    public string CallName { get; } = string.Empty;

    /// <summary>Model calls made.</summary>
    public int Attempts { get; }

    /// <summary>Validation errors of the last attempt.</summary>
    public IReadOnlyList<string> Errors { get; } = [];

    /// <summary>Usage of every attempt.</summary>
    public IReadOnlyList<UsageEntry> Usage { get; } = [];
}
