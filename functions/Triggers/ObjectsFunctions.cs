using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>HTTP triggers of the objects (/api/objects): each hands its request to the shared pipeline (<see cref="HttpGateway"/>).</summary>
public sealed class ObjectsFunctions(HttpGateway gateway)
{
    [Function("ObjectsCreate")]
    public Task ObjectsCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsList")]
    public Task ObjectsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objects")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsGet")]
    public Task ObjectsGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objects/{name}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsUpdate")]
    public Task ObjectsUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/objects/{name}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsRollback")]
    public Task ObjectsRollback([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/rollback")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsDeprecate")]
    public Task ObjectsDeprecate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/deprecate")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ObjectsInvoke")]
    public Task ObjectsInvoke([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/invoke/{method}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);
}
