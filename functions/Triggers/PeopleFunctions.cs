using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>HTTP triggers of users, tokens, phone, contact, Slack links, audit events, the decision chain and the outbox: each hands its request to the shared pipeline (<see cref="HttpGateway"/>).</summary>
public sealed class PeopleFunctions(HttpGateway gateway)
{
    [Function("UsersMe")]
    public Task<IActionResult> UsersMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("UsersCreateToken")]
    public Task<IActionResult> UsersCreateToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tokens")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("UsersListTokens")]
    public Task<IActionResult> UsersListTokens([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/tokens")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("UsersRevokeToken")]
    public Task<IActionResult> UsersRevokeToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/tokens/{tokenId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("UsersList")]
    public Task<IActionResult> UsersList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/users")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("UsersCreate")]
    public Task<IActionResult> UsersCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/users")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("UsersUpdate")]
    public Task<IActionResult> UsersUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/users/{userId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("UsersListUserTokens")]
    public Task<IActionResult> UsersListUserTokens([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/users/{userId}/tokens")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("UsersRevokeUserToken")]
    public Task<IActionResult> UsersRevokeUserToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/users/{userId}/tokens/{tokenId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("PhoneClaim")]
    public Task<IActionResult> PhoneClaim([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/me/phone")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("PhoneVerify")]
    public Task<IActionResult> PhoneVerify([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/phone/verify")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("PhoneRemove")]
    public Task<IActionResult> PhoneRemove([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/me/phone")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ContactSet")]
    public Task<IActionResult> ContactSet([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/me/contact")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("SlackLinkGet")]
    public Task<IActionResult> SlackLinkGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/slack")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("SlackLink")]
    public Task<IActionResult> SlackLink([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/me/slack")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("SlackLinkVerify")]
    public Task<IActionResult> SlackLinkVerify([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/slack/verify")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("SlackUnlink")]
    public Task<IActionResult> SlackUnlink([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/me/slack")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("SlackChannel")]
    public Task<IActionResult> SlackChannel([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/slack/channels/{channel}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("EventsList")]
    public Task<IActionResult> EventsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/events")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("AuditChain")]
    public Task<IActionResult> AuditChain([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit/chain")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("AuditVerify")]
    public Task<IActionResult> AuditVerify([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit/verify")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("OutboxList")]
    public Task<IActionResult> OutboxList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/outbox")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);
}
