namespace DurableObjects.Channels.IntegrationTests.Infrastructure;

/// <summary>One request as the Twilio stand-in received it on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Form)
{
    public string FormValue(string key) => Form.Single(p => p.Key == key).Value;
}
