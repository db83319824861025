namespace DurableObjects.Channels.UnitTests.Infrastructure;

/// <summary>One request as the stand-in received it on the wire.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string ContentType,
    string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public IReadOnlyList<KeyValuePair<string, string>> Form() =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Body)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty)))
            .ToList();

    public string FormValue(string key) => Form().Single(p => p.Key == key).Value;
}
