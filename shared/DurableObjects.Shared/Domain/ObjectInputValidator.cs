namespace DurableObjects.Shared.Domain;

/// <summary>Checks caller-supplied object content against the rules and limits; null when everything is valid.</summary>
public static class ObjectInputValidator
{
    public static OperationError? ValidateVersion(IReadOnlyDictionary<string, string>? files, string? summary, ObjectLimitsOptions limits)
    {
        var errors = SourceFiles.Validate(files, limits);
        if (summary is { Length: var length } && length > limits.MaxTextLength)
        {
            errors["summary"] = [$"A summary may be at most {limits.MaxTextLength} characters."];
        }
        return Result(errors);
    }

    public static OperationError? ValidateDescription(string? description, ObjectLimitsOptions limits) =>
        description is { Length: var length } && length > limits.MaxTextLength
            ? Result(new() { ["description"] = [$"A description may be at most {limits.MaxTextLength} characters."] })
            : null;

    public static OperationError? ValidateName(string? name) =>
        ObjectName.IsValid(name) ? null : Result(new() { ["name"] = [ObjectName.Rule] });

    private static OperationError? Result(Dictionary<string, string[]> errors) =>
        errors.Count == 0 ? null : new OperationError(ErrorKind.Invalid, "The request has invalid fields.", errors);
}
