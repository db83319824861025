using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Functions.Health;

/// <summary>
/// <c>GET /health/isolation</c>: the isolation runners get on this host (network namespace, user, limits) and what a
/// live runner shows in /proc. Anonymous, like the other health endpoints: it holds modes, user names, limits and
/// the runner's path, no secret, and lets anyone deciding whether to trust this host with code check the sandbox.
/// Always 200; the <c>status</c> field says <c>enforced</c>, <c>weakened</c> or <c>refused</c>.
/// </summary>
public static class IsolationApi
{
    public static RouteHandlerBuilder MapIsolationApi(this IEndpointRouteBuilder routes) => routes
        .MapGet("/health/isolation", (RunnerPool runners) => TypedResults.Ok(runners.Isolation()))
        .WithTags("Health")
        .AllowAnonymous()
        .WithSummary("The runner isolation in force: network namespace, user, limits, and a live runner's /proc view.");
}
