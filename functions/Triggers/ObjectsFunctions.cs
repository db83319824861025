using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>HTTP triggers of the objects (/api/objects): each hands its request to the shared pipeline (<see cref="HttpGateway"/>).</summary>
public sealed class ObjectsFunctions(HttpGateway gateway)
{
    [Function("ObjectsCreate")]
    public Task<IActionResult> ObjectsCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsList")]
    public Task<IActionResult> ObjectsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objects")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsGet")]
    public Task<IActionResult> ObjectsGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objects/{name}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsUpdate")]
    public Task<IActionResult> ObjectsUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/objects/{name}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsRollback")]
    public Task<IActionResult> ObjectsRollback([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/rollback")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsDeprecate")]
    public Task<IActionResult> ObjectsDeprecate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/deprecate")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsInvoke")]
    public Task<IActionResult> ObjectsInvoke([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/invoke/{method}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);
}
