using DurableObjects.Functions.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace DurableObjects.Functions.Health;

/// <summary>
/// Anonymous health endpoints, none of which reveals a secret: <c>/health/live</c> (the process serves; no
/// dependency is checked, so an orchestrator never restarts a host because storage is down),
/// <c>/health/ready</c> (storage answers within 2 s; 503 otherwise), <c>/health</c> (every check) and
/// <c>/health/isolation</c> (the runner isolation in force).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        // Reads only: GET and HEAD (probes use either; HEAD without the body); any other method gets 405.
        routes.MapHealthChecks("/health").AllowAnonymous().AllowHead();
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().AllowHead();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous().AllowHead();
        routes.MapIsolationApi();
        return routes;
    }
}
