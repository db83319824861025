using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableObjects.Channels.Twilio;

/// <summary>Endpoint helpers for Twilio webhooks.</summary>
public static class TwilioEndpointExtensions
{
    /// <summary>Rejects requests without a valid <c>X-Twilio-Signature</c> (403) before the handler runs.</summary>
    public static TBuilder RequireTwilioSignature<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, TwilioSignatureFilter>();

    /// <summary>A TwiML answer (<c>text/xml; charset=utf-8</c>).</summary>
    public static IResult ToResult(this global::Twilio.TwiML.TwiML twiml)
    {
        ArgumentNullException.ThrowIfNull(twiml);
        return TwimlResult(twiml.ToString());
    }

    /// <summary>A TwiML document already rendered (a stored reply, answered again).</summary>
    public static IResult TwimlResult(string twiml) => TypedResults.Text(twiml, "text/xml", System.Text.Encoding.UTF8);
}
