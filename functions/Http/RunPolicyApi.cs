using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Shared.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// An object's pipeline policy: iterations, thresholds, approval, approval expiry, deploy, mutation threshold (null =
/// host default). It may tighten the host's policy, never loosen it (422 otherwise); every change is audited. The
/// rules are <see cref="RunPolicyService"/>'s; this class only translates HTTP to its calls and back.
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

    private static async Task<Results<Ok<RunPolicy>, ProblemHttpResult>> GetAsync(string name, RunPolicyService policies, CancellationToken cancellationToken) =>
        ToResult(await policies.GetAsync(name, cancellationToken));

    private static async Task<Results<Ok<RunPolicy>, ProblemHttpResult>> SetAsync(
        string name, RunPolicy policy, RunPolicyService policies, HttpContext http, CancellationToken cancellationToken) =>
        ToResult(await policies.SetAsync(name, policy, http.User.ToActor(), cancellationToken));

    private static Results<Ok<RunPolicy>, ProblemHttpResult> ToResult(Outcome<RunPolicy> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : Problems.From(outcome.Error!);
}
