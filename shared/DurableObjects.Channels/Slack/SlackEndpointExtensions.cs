using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableObjects.Channels.Slack;

/// <summary>Endpoint helpers for Slack webhooks.</summary>
public static class SlackEndpointExtensions
{
    /// <summary>Rejects requests without a valid, fresh <c>X-Slack-Signature</c> (403) before the handler runs.</summary>
    public static TBuilder RequireSlackSignature<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, SlackSignatureFilter>();
}
