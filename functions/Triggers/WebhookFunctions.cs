using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>HTTP triggers of the Twilio and Slack webhooks (signatures are checked by the shared pipeline's filters): each hands its request to the shared pipeline (<see cref="HttpGateway"/>).</summary>
public sealed class WebhookFunctions(HttpGateway gateway)
{
    [Function("TwilioSms")]
    public Task<IActionResult> TwilioSms([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/sms")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("TwilioVoice")]
    public Task<IActionResult> TwilioVoice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/voice")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("TwilioVoiceCommand")]
    public Task<IActionResult> TwilioVoiceCommand([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/voice/command")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("SlackInteractions")]
    public Task<IActionResult> SlackInteractions([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/slack/interactions")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("SlackCommands")]
    public Task<IActionResult> SlackCommands([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/slack/commands")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);
}
