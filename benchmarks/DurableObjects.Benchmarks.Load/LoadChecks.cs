using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Benchmarks.Load;

/// <summary>What must hold after the load: version numbers contiguous and each used once, every acknowledged write
/// there exactly once and nothing else, every run finished and succeeded, no invocation failed, and no error or
/// fast-fail at all without an outage.</summary>
public sealed class LoadChecks
{
    private LoadChecks(List<string> failures, int writtenVersions)
    {
        Failures = failures;
        WrittenVersions = writtenVersions;
    }

    /// <summary>Each check that failed, in words; empty when all passed.</summary>
    public List<string> Failures { get; }
    /// <summary>How many versions the written object has, its first (the create) included.</summary>
    public int WrittenVersions { get; }

    public static async Task<LoadChecks> RunAsync(LoadState state, RunOutcomes runs)
    {
        var http = state.Http;
        var acknowledged = state.Acknowledged;
        var final = runs.Final;
        var failures = new List<string>();
        foreach (var name in new[] { "Written", "Modified" })
        {
            var numbers = (await VersionsAsync(http, name)).Select(v => v["number"]!.GetValue<int>()).Order().ToList();
            if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count)))
            {
                failures.Add($"{name}: version numbers are not 1..{numbers.Count} each once: {string.Join(",", numbers)}");
            }
        }
        var written = await VersionsAsync(http, "Written");
        var bySummary = written.GroupBy(v => v["summary"]?.GetValue<string>() ?? "").ToDictionary(g => g.Key, g => g.Count());
        var duplicated = bySummary.Where(kv => kv.Key.StartsWith('w') && kv.Value > 1).Select(kv => kv.Key).ToList();
        var lost = acknowledged.Where(a => !bySummary.ContainsKey(a.Summary)).Select(a => a.Summary).ToList();
        var unacknowledged = bySummary.Keys.Where(s => s.StartsWith('w') && acknowledged.All(a => a.Summary != s)).ToList();
        if (duplicated.Count > 0) failures.Add($"writes applied twice: {string.Join(",", duplicated)}");
        if (lost.Count > 0) failures.Add($"acknowledged writes missing: {string.Join(",", lost)}");
        if (unacknowledged.Count > 0) failures.Add($"writes present but never acknowledged: {string.Join(",", unacknowledged)}");
        if (final.Count < state.RunIds.Count) failures.Add($"{state.RunIds.Count - final.Count} of {state.RunIds.Count} runs did not finish");
        if (final.FirstOrDefault(f => f.Value != "succeeded") is { Key: not null } notSucceeded)
        {
            failures.Add($"{final.Count(f => f.Value != "succeeded")} run(s) did not succeed; {notSucceeded.Key} {notSucceeded.Value}: {runs.Reasons[notSucceeded.Key]}");
        }
        if (state.Stats[LoadKind.Invoke].Errors > 0) failures.Add($"{state.Stats[LoadKind.Invoke].Errors} invocation errors");
        if (state.Outage.Seconds == 0 && state.Stats.Values.Any(s => s.Errors > 0 || s.Unavailable > 0)) failures.Add("errors without an outage");
        return new LoadChecks(failures, written.Count);
    }

    // Every version of the object, a page of 200 at a time.
    private static async Task<List<JsonNode>> VersionsAsync(HttpClient http, string name)
    {
        var all = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = (await http.GetFromJsonAsync<JsonObject>(
                $"/api/objects/{name}/versions?pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))))!;
            all.AddRange(page["items"]!.AsArray().Select(v => v!));
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        return all;
    }
}
