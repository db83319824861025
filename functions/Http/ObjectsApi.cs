using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>Objects: create with initial code, list, get, update description, roll back, deprecate.</summary>
public static class ObjectsApi
{
    public static RouteGroupBuilder MapObjectsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/objects").WithTags("Objects").RequireAuthorization(AuthPolicies.Read);
        group.MapPost("/", CreateAsync).RequireAuthorization(AuthPolicies.Write).WithSummary("Create an object with its initial code (version 1).");
        group.MapGet("/", ListAsync).WithSummary("List objects, optionally by status, a page at a time.");
        group.MapGet("/{name}", GetAsync).WithSummary("Get one object.");
        group.MapPatch("/{name}", UpdateAsync).RequireAuthorization(AuthPolicies.Write).WithSummary("Update an object's description or public-invoke setting.");
        group.MapPost("/{name}/rollback", RollbackAsync).RequireAuthorization(AuthPolicies.Write).WithSummary("Make an earlier version current again.");
        group.MapPost("/{name}/deprecate", DeprecateAsync).RequireAuthorization(AuthPolicies.Write).WithSummary("Deprecate an object.");
        return group;
    }

    private static async Task<Results<Created<ObjectResponse>, ProblemHttpResult>> CreateAsync(CreateObjectRequest request, ObjectService objects, HttpContext http)
    {
        if (ObjectInputValidator.ValidateName(request.Name) is { } invalid)
        {
            return Problems.From(invalid);
        }
        var command = new CreateObject(request.Name!, request.Description ?? "", request.Files ?? [], request.Summary, http.GetRequestOperation());
        var outcome = await objects.CreateAsync(command, http.User.ToActor());
        return outcome.Value is { } created
            ? TypedResults.Created($"/api/objects/{created.Name}", ObjectResponse.From(created))
            : Problems.From(outcome.Error!);
    }

    private static async Task<Results<Ok<PageResponse<ObjectResponse>>, ProblemHttpResult>> ListAsync(
        ObjectStore objects, string? status, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ObjectStatus? filter = null;
        if (status is not null)
        {
            if (!ObjectStatusText.TryParse(status, out var parsed))
            {
                return Problems.Invalid("status", "Status is one of draft, deployed, failed, deprecated.");
            }
            filter = parsed;
        }
        if (Paging.Check(pageSize, continuationToken, out var storeToken) is { } badPage)
        {
            return badPage;
        }
        var page = await objects.ListAsync(filter, pageSize ?? Paging.DefaultSize, storeToken, cancellationToken);
        return TypedResults.Ok(new PageResponse<ObjectResponse>(page.Items.Select(ObjectResponse.From).ToList(), Paging.Seal(page.ContinuationToken)));
    }

    private static async Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> GetAsync(string name, ObjectService objects, CancellationToken cancellationToken)
    {
        var info = await objects.GetAsync(name, cancellationToken);
        return info is null ? Problems.NotFound($"No object named '{name}'.") : TypedResults.Ok(ObjectResponse.From(info));
    }

    private static Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> UpdateAsync(string name, UpdateObjectRequest request, ObjectService objects, HttpContext http) =>
        OnObjectAsync(name, () => objects.UpdateAsync(name, new ObjectUpdate(request.Description, request.PublicInvoke), http.User.ToActor()));

    private static Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> RollbackAsync(string name, RollbackRequest request, ObjectService objects, HttpContext http) =>
        request.Version is { } version
            ? OnObjectAsync(name, () => objects.RollbackAsync(name, version, http.User.ToActor(), http.GetRequestOperation()))
            : Task.FromResult<Results<Ok<ObjectResponse>, ProblemHttpResult>>(Problems.Invalid("version", "The version to roll back to is required."));

    private static Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> DeprecateAsync(string name, ObjectService objects, HttpContext http) =>
        OnObjectAsync(name, () => objects.DeprecateAsync(name, http.User.ToActor()));

    internal static async Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> OnObjectAsync(string name, Func<Task<Outcome<ObjectInfo>>> action)
    {
        if (!ObjectName.IsValid(name))
        {
            return Problems.NotFound($"No object named '{name}'.");
        }
        var outcome = await action();
        return outcome.Value is { } info ? TypedResults.Ok(ObjectResponse.From(info)) : Problems.From(outcome.Error!);
    }
}
