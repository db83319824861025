using DurableObjects.Shared.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>Turns refusals into RFC 7807 problem answers with the right 4xx status.</summary>
public static class Problems
{
    /// <summary>The problem extension that carries <see cref="OperationError.RetryAfter"/>; the host also sends it as the
    /// <c>Retry-After</c> header.</summary>
    public const string RetryAfterExtension = "retryAfterSeconds";

    public static ProblemHttpResult From(OperationError error)
    {
        var extensions = new Dictionary<string, object?>();
        var detail = error.Message;
        if (error.Fields is { Count: > 0 } fields)
        {
            extensions["errors"] = fields;
            detail += " " + string.Join(" ", fields.Select(f => $"{f.Key}: {string.Join(" ", f.Value.Take(10))}"));
        }
        if (error.RetryAfter is { } after)
        {
            extensions[RetryAfterExtension] = (int)Math.Max(1, Math.Ceiling(after.TotalSeconds));
        }
        return TypedResults.Problem(statusCode: StatusOf(error.Kind), title: TitleOf(error.Kind), detail: detail,
            extensions: extensions.Count > 0 ? extensions : null);
    }

    public static ProblemHttpResult NotFound(string detail) => From(new OperationError(ErrorKind.NotFound, detail));

    public static ProblemHttpResult Invalid(string field, string message) => From(OperationError.InvalidField(field, message));

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Gone => StatusCodes.Status410Gone,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => "Invalid request",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.Forbidden => "Forbidden",
        ErrorKind.Gone => "Gone",
        ErrorKind.Unprocessable => "The code cannot serve",
        ErrorKind.TooManyRequests => "Too many requests",
        _ => "Bad request",
    };
}
