using System.Text.Json;
using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// What activities work on, found by run id: the request (stored with the run's row) and the results of earlier
/// steps (the basis, the plan, candidates, evaluations). This is how code and other large payloads travel between
/// activities — by reference to storage, never as orchestration inputs.
/// </summary>
public sealed class RunMaterials(RunStore runs, RunSteps steps)
{
    private const int CachedRequests = 512;

    // Requests never change once stored, so a host keeps the recent ones.
    private readonly BoundedCache<string, RunRequest> _requests = new(CachedRequests, StringComparer.Ordinal);

    public async Task<RunRequest> RequestAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (_requests.TryGet(runId, out var known))
        {
            return known;
        }
        var found = await runs.GetAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"No run with id '{runId}'.");
        _requests.Set(runId, found.Request);
        return found.Request;
    }

    /// <summary>
    /// Keeps the request of a run this host has just stored, so the run's first activity need not read it back. The copy
    /// kept is the stored form (through the same serialization), so it is exactly what any other host reads.
    /// </summary>
    public void RememberStored(string runId, RunRequest request) =>
        _requests.Set(runId, JsonSerializer.Deserialize<RunRequest>(JsonSerializer.Serialize(request, RunJson.Options), RunJson.Options)!);

    public Task<EffectivePolicy> PolicyAsync(string runId, CancellationToken cancellationToken = default) =>
        steps.GetAsync<EffectivePolicy>(runId, RunStepNames.Policy, cancellationToken);

    public Task<RunBasis> BasisAsync(string runId, CancellationToken cancellationToken = default) =>
        steps.GetAsync<RunBasis>(runId, RunStepNames.Context, cancellationToken);

    public Task<CodePlan> PlanAsync(string runId, CancellationToken cancellationToken = default) =>
        steps.GetAsync<CodePlan>(runId, RunStepNames.Plan, cancellationToken);

    public Task<CreationPlan> CreationPlanAsync(string runId, CancellationToken cancellationToken = default) =>
        steps.GetAsync<CreationPlan>(runId, RunStepNames.Plan, cancellationToken);

    public Task<CodeCandidate> CandidateAsync(string runId, int iteration, CancellationToken cancellationToken = default) =>
        steps.GetAsync<CodeCandidate>(runId, RunStepNames.Generate(iteration), cancellationToken);

    /// <summary>What the gates check for one iteration's candidate: every gate builds the same request.</summary>
    public async Task<Evaluation.GateRequest> GateRequestAsync(string runId, int iteration, CancellationToken cancellationToken = default)
    {
        var request = await RequestAsync(runId, cancellationToken);
        var candidate = await CandidateAsync(runId, iteration, cancellationToken);
        var policy = await PolicyAsync(runId, cancellationToken);
        return request.Kind == RunKind.Creation
            ? CreationPipeline.GateRequest(request, await CreationPlanAsync(runId, cancellationToken), candidate, policy)
            : ModificationPipeline.GateRequest(request, await BasisAsync(runId, cancellationToken), await PlanAsync(runId, cancellationToken), candidate, policy);
    }

    /// <summary>The measured metrics the gates of one iteration reported (recorded by each gate's activity).</summary>
    public async Task<IReadOnlyDictionary<string, double>> GateMetricsAsync(string runId, int iteration, CancellationToken cancellationToken = default)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var gate in Evaluation.SandboxGates.Fanned)
        {
            if (await steps.FindAsync<Evaluation.GateReport>(runId, RunStepNames.Gate(iteration, gate), cancellationToken) is { Found: true } report)
            {
                foreach (var (name, value) in report.Value.Gates.Where(g => g.Metrics is not null).SelectMany(g => g.Metrics!))
                {
                    metrics[name] = value;
                }
            }
        }
        return metrics;
    }

    /// <summary>The feedback of the previous iteration's evaluation (null for the first iteration).</summary>
    public async Task<string?> FeedbackBeforeAsync(string runId, int iteration, CancellationToken cancellationToken = default) =>
        iteration <= 1 ? null
        : await steps.FindAsync<AI.Rewards.Evaluation>(runId, RunStepNames.Evaluate(iteration - 1), cancellationToken) is { Found: true } previous
            ? previous.Value.Feedback
            : null;
}
