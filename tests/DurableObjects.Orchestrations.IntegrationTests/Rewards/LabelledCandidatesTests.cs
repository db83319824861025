using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;
using Xunit.Abstractions;

namespace DurableObjects.Orchestrations.IntegrationTests.Rewards;

/// <summary>
/// The labelled set through the real HTTP API, the real gates and real runner processes, as manual runs with no model
/// (the "evaluate and apply" path): every good edit accepted, every broken or weakened one rejected by the gate its
/// label names. Prints the false accepts and false rejects.
/// </summary>
public sealed class LabelledCandidatesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ManualRun_LabelledCandidates_NoFalseAcceptsOrRejects()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        var outcomes = new ConcurrentDictionary<int, (LabelledCandidate Candidate, JsonObject Run)>();
        using var slots = new SemaphoreSlim(3);

        await Task.WhenAll(LabelledCandidates.All.Select(async (candidate, i) =>
        {
            await slots.WaitAsync();
            try
            {
                var name = $"Calc{i:00}";
                await admin.CreateCalculatorAsync(name);
                var id = await admin.ModifyAsync(name, new { files = LabelledCandidates.Files(candidate), summary = candidate.Label });
                outcomes[i] = (candidate, await admin.WaitAsync(id));
            }
            finally
            {
                slots.Release();
            }
        }));

        var falseAccepts = new List<string>();
        var falseRejects = new List<string>();
        var wrongReason = new List<string>();
        foreach (var (candidate, run) in outcomes.OrderBy(o => o.Key).Select(o => o.Value))
        {
            var accepted = run.Status() == "succeeded";
            var reason = run["reason"]?.GetValue<string>() ?? "";
            output.WriteLine($"{(accepted ? "accepted" : "rejected"),-8} {candidate.Label}{(accepted ? "" : " — " + reason)}");
            if (accepted && !candidate.Good)
            {
                falseAccepts.Add(candidate.Label);
            }
            else if (!accepted && candidate.Good)
            {
                falseRejects.Add($"{candidate.Label}: {reason}");
            }
            else if (!accepted && !reason.Contains($"gate '{candidate.RejectingGate}' failed", StringComparison.Ordinal))
            {
                wrongReason.Add($"{candidate.Label}: {reason}");
            }
        }
        var good = LabelledCandidates.All.Count(c => c.Good);
        output.WriteLine($"labelled candidates: {LabelledCandidates.All.Count} ({good} good, {LabelledCandidates.All.Count - good} bad); " +
                         $"false accepts: {falseAccepts.Count}; false rejects: {falseRejects.Count}");

        Assert.True(falseAccepts.Count == 0, "False accepts: " + string.Join(" | ", falseAccepts));
        Assert.True(falseRejects.Count == 0, "False rejects: " + string.Join(" | ", falseRejects));
        Assert.True(wrongReason.Count == 0, "Rejected for another reason than labelled: " + string.Join(" | ", wrongReason));
    }
}
