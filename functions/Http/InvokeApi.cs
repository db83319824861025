using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Invoke a deployed object's method: <c>POST /api/objects/{name}/invoke/{method}?environment=…</c> with the
/// arguments as a JSON object keyed by parameter name; the answer is the method's JSON result. Authenticated like
/// every API call, unless the object's owner made its invocation public. Access is settled first (404 for no such
/// object, 401 without a valid token), so a caller without it learns nothing more; then an environment that is not
/// configured is bad input (400 naming <c>environment</c> and listing the environments), not a missing deployment (404).
/// </summary>
public static class InvokeApi
{
    public static RouteHandlerBuilder MapInvokeApi(this IEndpointRouteBuilder routes) => routes
        .MapPost("/api/objects/{name}/invoke/{method}", InvokeAsync)
        .WithTags("Invoke")
        .AllowAnonymous()
        .WithSummary("Invoke a method of the version serving in an environment (default production); body: arguments by parameter name.");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, EmptyHttpResult>> InvokeAsync(
        string name, string method, string? environment, HttpContext http, ObjectInvoker invoker)
    {
        var authenticated = http.User.Identity?.IsAuthenticated == true;
        if (!authenticated && http.Request.Headers.Authorization.Count > 0)
        {
            await http.ChallengeAsync(); // writes the 401 problem answer
            return TypedResults.Empty;
        }
        if (!ObjectName.IsValid(name))
        {
            return Problems.NotFound($"No object named '{name}'.");
        }
        // Access first: a caller who may not invoke the object learns nothing from the rest of the request's answers
        // (not even which environments are configured).
        if (await invoker.CheckAccessAsync(name, authenticated) is { } refused)
        {
            return await RefuseAsync(refused, http);
        }
        if (invoker.CheckEnvironment(environment) is { } unknown)
        {
            return Problems.From(unknown);
        }
        var arguments = await ReadArgumentsAsync(http.Request);
        if (arguments is null)
        {
            return Problems.Invalid("arguments", "The body must be a JSON object of arguments by parameter name, or empty.");
        }
        var result = await invoker.InvokeAsync(name, method, arguments, environment, authenticated);
        if (result.Status == InvokeStatus.Unauthorized)
        {
            return await RefuseAsync(result, http);
        }
        http.Response.Headers["X-Object-Version"] = result.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result.Status == InvokeStatus.Ok
            ? TypedResults.Text(result.ResultJson, "application/json")
            : ToProblem(result);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, EmptyHttpResult>> RefuseAsync(InvokeResult refused, HttpContext http)
    {
        if (refused.Status != InvokeStatus.Unauthorized)
        {
            return ToProblem(refused);
        }
        await http.ChallengeAsync(); // writes the 401 problem answer
        return TypedResults.Empty;
    }

    private static async Task<string?> ReadArgumentsAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return "{}";
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? body : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemHttpResult ToProblem(InvokeResult result)
    {
        var (status, title) = result.Status switch
        {
            InvokeStatus.BadArguments => (StatusCodes.Status400BadRequest, "Bad arguments"),
            InvokeStatus.UnknownMethod => (StatusCodes.Status404NotFound, "Unknown method"),
            InvokeStatus.NotDeployed => (StatusCodes.Status404NotFound, "Not deployed"),
            InvokeStatus.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            InvokeStatus.ObjectThrew => (StatusCodes.Status422UnprocessableEntity, "The object threw an exception"),
            InvokeStatus.ResultTooLarge => (StatusCodes.Status422UnprocessableEntity, "Result too large"),
            InvokeStatus.Timeout => (StatusCodes.Status504GatewayTimeout, "The invocation timed out"),
            _ => (StatusCodes.Status503ServiceUnavailable, "Runner unavailable"),
        };
        var extensions = result.ErrorType is null ? null : new Dictionary<string, object?> { ["exceptionType"] = result.ErrorType };
        return TypedResults.Problem(statusCode: status, title: title, detail: result.Message, extensions: extensions);
    }
}
