using System.Text;
using System.Text.Json;
using DurableObjects.Runner.Protocol;

namespace DurableObjects.Sandbox.Runners;

/// <summary>Turns a runner's response frame into an <see cref="InvocationOutcome"/>.</summary>
internal static class ResponseDecoder
{
    public static InvocationOutcome Decode(Frame frame)
    {
        var (status, segments) = FrameBody.UnpackResponse(frame.Body);
        var payload = segments.Count > 0 ? segments[0] : ReadOnlyMemory<byte>.Empty;
        var output = segments.Count > 1 && segments[1].Length > 0 ? Encoding.UTF8.GetString(segments[1].Span) : null;
        if (status == ResponseStatus.Ok)
        {
            return InvocationOutcome.Ok(payload.IsEmpty ? "null" : Encoding.UTF8.GetString(payload.Span), output);
        }

        ErrorPayload? error;
        try
        {
            error = JsonSerializer.Deserialize<ErrorPayload>(payload.Span, ProtocolJson.Options);
        }
        catch (JsonException)
        {
            error = null;
        }

        var mapped = status switch
        {
            ResponseStatus.BadArguments => InvocationStatus.BadArguments,
            ResponseStatus.UnknownMethod => InvocationStatus.UnknownMethod,
            ResponseStatus.ObjectThrew => InvocationStatus.ObjectThrew,
            ResponseStatus.ResultTooLarge => InvocationStatus.ResultTooLarge,
            _ => InvocationStatus.RunnerUnavailable,
        };
        return InvocationOutcome.Failure(mapped, error?.Message ?? $"The runner answered {status}.", error?.ErrorType, output);
    }
}
