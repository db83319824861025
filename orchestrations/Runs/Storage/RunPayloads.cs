using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>
/// Keeps JSON payloads of run rows within Table Storage's property limit: small ones inline, large ones (a candidate
/// with many files) in the content-addressed blob store with the row holding the hash.
/// </summary>
public sealed class RunPayloads(ContentStore content)
{
    /// <summary>Table string properties hold 32K UTF-16 characters; stay well below.</summary>
    private const int InlineLimit = 30_000;

    /// <summary>(inline JSON, blob hash): exactly one of the two is set.</summary>
    public async Task<(string? Inline, string? Reference)> PutAsync(string json, CancellationToken cancellationToken = default)
    {
        if (json.Length <= InlineLimit)
        {
            return (json, null);
        }
        var hash = SourceFiles.HashContent(json);
        await content.PutAsync(hash, json, cancellationToken);
        return (null, hash);
    }

    public async Task<string> GetAsync(string? inline, string? reference, CancellationToken cancellationToken = default) =>
        reference is null ? inline ?? "null" : await content.GetAsync(reference, cancellationToken);
}
