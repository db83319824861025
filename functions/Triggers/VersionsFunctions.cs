using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>HTTP triggers of versions, diffs and deployments of an object: each hands its request to the shared pipeline (<see cref="HttpGateway"/>).</summary>
public sealed class VersionsFunctions(HttpGateway gateway)
{
    [Function("VersionsList")]
    public Task<IActionResult> VersionsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objects/{name}/versions")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("VersionsGet")]
    public Task<IActionResult> VersionsGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objects/{name}/versions/{version}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("VersionsAdd")]
    public Task<IActionResult> VersionsAdd([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/versions")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("VersionsDiff")]
    public Task<IActionResult> VersionsDiff([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objects/{name}/diff")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("DeploymentsDeploy")]
    public Task<IActionResult> DeploymentsDeploy([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/deploy")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("DeploymentsPromote")]
    public Task<IActionResult> DeploymentsPromote([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/promote")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);
}
