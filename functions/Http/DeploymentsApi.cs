using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Orchestrations.Objects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>Deploy a version to an environment, and promote from one environment to the next.</summary>
public static class DeploymentsApi
{
    public static RouteGroupBuilder MapDeploymentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/objects/{name}").WithTags("Deployments").RequireAuthorization(AuthPolicies.Write);
        group.MapPost("/deploy", DeployAsync)
            .WithSummary("Deploy a version (default: current) to an environment (default: production): compile, start a runner, smoke-check, run the object's tests, switch.");
        group.MapPost("/promote", PromoteAsync).WithSummary("Deploy the version serving in one environment to the next.");
        return group;
    }

    private static Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> DeployAsync(string name, DeployObjectRequest? request, DeploymentService deployments, HttpContext http) =>
        ObjectsApi.OnObjectAsync(name, () => deployments.DeployAsync(name, new DeployRequest(request?.Version, request?.Environment), http.User.ToActor(), WriteId(http)));

    private static Task<Results<Ok<ObjectResponse>, ProblemHttpResult>> PromoteAsync(string name, PromoteRequest request, DeploymentService deployments, HttpContext http) =>
        request.From is { Length: > 0 } from
            ? ObjectsApi.OnObjectAsync(name, () => deployments.PromoteAsync(name, from, http.User.ToActor(), WriteId(http)))
            : Task.FromResult<Results<Ok<ObjectResponse>, ProblemHttpResult>>(Problems.Invalid("from", "Name the environment to promote from."));

    // A keyed request's deploy is recorded once however often it is retried; without a key, once per request.
    private static string? WriteId(HttpContext http) => http.GetRequestOperation() is { } operation ? DeploymentService.OperationWriteId(operation) : null;
}
