using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Http;

/// <summary>
/// An object's pipeline policy: iterations, thresholds, approval, approval expiry, deploy, mutation threshold (null =
/// host default). It may tighten the host's policy, never loosen it (422 otherwise); every change is audited.
/// </summary>
public static class RunPolicyApi
{
    public static IEndpointRouteBuilder MapRunPolicyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/objects/{name}/pipeline-policy").WithTags("Runs").RequireAuthorization(AuthPolicies.Read);
        group.MapGet("/", GetAsync).WithSummary("The object's pipeline policy (null fields use host.json).");
        group.MapPut("/", SetAsync).RequireAuthorization(AuthPolicies.Write).WithSummary("Replace the object's pipeline policy (owner or admin).");
        return routes;
    }

    private static async Task<Results<Ok<RunPolicy>, ProblemHttpResult>> GetAsync(string name, ObjectService objects, RunPolicyStore policies, CancellationToken cancellationToken) =>
        await objects.GetAsync(name, cancellationToken) is { } info
            ? TypedResults.Ok(await policies.GetAsync(ObjectName.ToKey(info.Name), cancellationToken))
            : Problems.NotFound($"No object named '{name}'.");

    private static async Task<Results<Ok<RunPolicy>, ProblemHttpResult>> SetAsync(
        string name, RunPolicy policy, ObjectService objects, RunPolicyStore policies, IOptions<PipelineOptions> host, HttpContext http, CancellationToken cancellationToken)
    {
        if (await objects.GetAsync(name, cancellationToken) is not { } info)
        {
            return Problems.NotFound($"No object named '{name}'.");
        }
        var actor = http.User.ToActor();
        if (!actor.MayChange(info.Owner))
        {
            return Problems.From(new OperationError(ErrorKind.Forbidden, $"Only the owner of '{info.Name}' or an admin may change its pipeline policy."));
        }
        if (policy.Validate(host.Value).ToList() is { Count: > 0 } problems)
        {
            return Problems.From(new OperationError(ErrorKind.Invalid, "The policy has invalid fields.", new Dictionary<string, string[]> { ["policy"] = [.. problems] }));
        }
        await policies.SetAsync(ObjectName.ToKey(info.Name), policy, actor, cancellationToken);
        return TypedResults.Ok(policy);
    }
}
