using System.Globalization;
using DurableObjects.AI.Configuration;
using DurableObjects.AI.Metrics;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableObjects.AI.Rewards;

/// <summary>
/// The agentic reward model. Verifiable gates (run by the caller) are hard: one failure rejects. Routed judges run in
/// parallel (fan-out) and are aggregated (fan-in); each must meet its threshold. By default judges are skipped when a
/// gate already failed (see <see cref="RewardModelOptions.JudgeAfterGateFailure"/>). A judge whose answer stays
/// invalid scores 0 and rejects (fail closed); a judge skipped because no model is configured is recorded in
/// <see cref="Evaluation.SkippedJudges"/> and does not block. Missing gates also reject: no gate, no acceptance.
/// </summary>
public sealed partial class RewardModel
{
    private readonly IReadOnlyList<IJudge> _judges;
    private readonly RewardModelOptions _options;
    private readonly ILogger<RewardModel> _logger;

    /// <summary>Creates the reward model over the given judges (at most one per <see cref="CheckKind"/> is used).</summary>
    public RewardModel(IReadOnlyList<IJudge> judges, RewardModelOptions? options = null, ILogger<RewardModel>? logger = null)
    {
        _judges = judges;
        _options = options ?? new RewardModelOptions();
        _logger = logger ?? NullLogger<RewardModel>.Instance;
    }

    /// <summary>
    /// Runs the routed judges (unless a gate failed) and decides. One call = one journaled evaluation step.
    /// </summary>
    public async Task<Evaluation> EvaluateAsync(
        JudgeInput input,
        IReadOnlyList<GateResult> gates,
        IReadOnlySet<CheckKind> routedChecks,
        RewardThresholds? thresholds = null,
        UsageLedger? ledger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var gateFailed = gates.Any(g => !g.Passed);
        JudgePanelResult panel;
        CodeMetrics? metrics = null;
        if (gateFailed && !_options.JudgeAfterGateFailure)
        {
            panel = new([], routedChecks.Select(k => new SkippedJudge(k, "skipped because a verifiable gate failed", true)).ToList());
        }
        else
        {
            ArgumentNullException.ThrowIfNull(input);
            metrics = input.CandidateMetrics ?? CodeMetricsCalculator.Measure(input.Candidate.Files);
            var gateMetrics = gates.Where(g => g.Metrics is not null).SelectMany(g => g.Metrics!)
                .GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
            panel = await RunJudgesAsync(input with { CandidateMetrics = metrics, GateMetrics = gateMetrics }, routedChecks, ledger, cancellationToken).ConfigureAwait(false);
        }

        var evaluation = Evaluate(gates, panel.Verdicts, routedChecks, thresholds ?? RewardThresholds.Default, panel.Skipped, _options.Weights)
            with { Metrics = metrics };
        LogDecision(_logger, evaluation.Accepted, evaluation.CombinedScore, gates.Count(g => !g.Passed), evaluation.Verdicts.Count, evaluation.SkippedJudges.Count);
        return evaluation;
    }

    /// <summary>Whether judges still run when a verifiable gate failed (an orchestration that fans judges out asks).</summary>
    public bool JudgesAfterGateFailure => _options.JudgeAfterGateFailure;

    /// <summary>
    /// Fan-in for an orchestration that ran each gate and each judge as its own activity: the same decision as
    /// <see cref="EvaluateAsync"/> over results gathered elsewhere, with this model's weights. When judges were
    /// skipped because a gate failed, pass <paramref name="judgesSkippedForGates"/> and no verdicts.
    /// </summary>
    public Evaluation Decide(
        IReadOnlyList<GateResult> gates,
        JudgePanelResult panel,
        IReadOnlySet<CheckKind> routedChecks,
        RewardThresholds thresholds,
        bool judgesSkippedForGates,
        CodeMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(routedChecks);
        var skipped = judgesSkippedForGates
            ? routedChecks.Select(k => new SkippedJudge(k, "skipped because a verifiable gate failed", true)).ToList()
            : panel.Skipped;
        var evaluation = Evaluate(gates, panel.Verdicts, routedChecks, thresholds, skipped, _options.Weights) with { Metrics = metrics };
        LogDecision(_logger, evaluation.Accepted, evaluation.CombinedScore, gates.Count(g => !g.Passed), evaluation.Verdicts.Count, evaluation.SkippedJudges.Count);
        return evaluation;
    }

    /// <summary>
    /// Fan-out: runs every routed judge in parallel. A judge that cannot answer validly yields a failed verdict
    /// (score 0); a missing judge or unconfigured model yields a <see cref="SkippedJudge"/>. Other exceptions
    /// (network, cancellation) propagate so the orchestration can retry the step.
    /// </summary>
    public async Task<JudgePanelResult> RunJudgesAsync(
        JudgeInput input, IReadOnlySet<CheckKind> routedChecks, UsageLedger? ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(routedChecks);
        if (_options.JudgesUnavailableReason is { } reason)
        {
            return new([], routedChecks.Select(k => new SkippedJudge(k, reason, false)).ToList());
        }

        input = input.CandidateMetrics is null ? input with { CandidateMetrics = CodeMetricsCalculator.Measure(input.Candidate.Files) } : input;
        var skipped = new List<SkippedJudge>();
        var running = new List<Task<JudgeOutcome>>();
        foreach (var kind in routedChecks.Order())
        {
            var judge = _judges.FirstOrDefault(j => j.Kind == kind);
            if (judge is null)
            {
                skipped.Add(new(kind, $"no {kind} judge is registered", false));
                continue;
            }

            // Task.Run: a judge that does synchronous work before its first await must not hold up the others.
            running.Add(Task.Run(() => RunOneAsync(judge, input, ledger, cancellationToken), cancellationToken));
        }

        var outcomes = await Task.WhenAll(running).ConfigureAwait(false);
        skipped.AddRange(outcomes.Select(o => o.Skipped).OfType<SkippedJudge>());
        return new(outcomes.Select(o => o.Verdict).OfType<JudgeVerdict>().ToList(), skipped);
    }

    /// <summary>
    /// Fan-in: the pure, deterministic decision over gate results and verdicts (no model call), so a resumed
    /// orchestration can recompute it from journaled inputs.
    /// </summary>
    public static Evaluation Evaluate(
        IReadOnlyList<GateResult> gates,
        IReadOnlyList<JudgeVerdict> verdicts,
        IReadOnlySet<CheckKind> routedChecks,
        RewardThresholds thresholds,
        IReadOnlyList<SkippedJudge>? skipped = null,
        RewardWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(routedChecks);
        ArgumentNullException.ThrowIfNull(thresholds);
        skipped ??= [];
        var routedVerdicts = verdicts.Where(v => routedChecks.Contains(v.Kind)).ToList();
        var reasons = new List<string>();
        if (gates.Count == 0)
        {
            reasons.Add("no verifiable gate ran");
        }

        reasons.AddRange(gates.Where(g => !g.Passed).Select(g => $"gate '{g.Name}' failed: {g.Details}"));
        foreach (var kind in routedChecks.Order())
        {
            var verdict = routedVerdicts.FirstOrDefault(v => v.Kind == kind);
            if (verdict is null)
            {
                if (!skipped.Any(s => s.Kind == kind))
                {
                    reasons.Add($"{kind} judge was routed but gave no verdict");
                }
            }
            else if (!FeedbackBuilder.Meets(verdict, thresholds))
            {
                reasons.Add(string.Format(CultureInfo.InvariantCulture, "{0} score {1:0.00} is below the threshold {2:0.00}{3}",
                    verdict.Name, verdict.Score, thresholds.For(kind), verdict.Error is null ? string.Empty : $" ({verdict.Error})"));
            }
        }

        var accepted = reasons.Count == 0;
        return new Evaluation
        {
            Gates = gates,
            Verdicts = routedVerdicts,
            SkippedJudges = skipped,
            Thresholds = thresholds,
            CombinedScore = CombinedScore(gates, routedVerdicts, weights ?? RewardWeights.Default),
            Accepted = accepted,
            RejectionReasons = reasons,
            Feedback = accepted ? string.Empty : FeedbackBuilder.Build(gates, routedVerdicts, thresholds),
        };
    }

    /// <summary>Weighted mean of the gate pass rate and the verdict scores, over the components present.</summary>
    public static double CombinedScore(IReadOnlyList<GateResult> gates, IReadOnlyList<JudgeVerdict> verdicts, RewardWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        double sum = 0, total = 0;
        if (gates.Count > 0)
        {
            sum += weights.Gates * gates.Count(g => g.Passed) / gates.Count;
            total += weights.Gates;
        }

        foreach (var verdict in verdicts)
        {
            var weight = weights.For(verdict.Kind);
            sum += weight * Math.Clamp(verdict.Score, 0, 1);
            total += weight;
        }

        return total <= 0 ? 0 : Math.Round(sum / total, 4);
    }

    private async Task<JudgeOutcome> RunOneAsync(IJudge judge, JudgeInput input, UsageLedger? ledger, CancellationToken cancellationToken)
    {
        try
        {
            return new(await judge.JudgeAsync(input, ledger, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ModelNotConfiguredException ex)
        {
            return new(null, new SkippedJudge(judge.Kind, ex.Message, false));
        }
        catch (StructuredOutputException ex)
        {
            LogJudgeFailed(_logger, judge.Name, ex.Attempts);
            return new(new JudgeVerdict
            {
                Name = judge.Name,
                Kind = judge.Kind,
                Score = 0,
                Rationale = "The judge gave no valid answer.",
                Issues = ex.Errors,
                Error = $"no valid answer after {ex.Attempts} attempt(s)",
                Model = ex.Usage.Count > 0 ? ex.Usage[^1].Model : "unknown",
                InputTokens = ex.Usage.Sum(u => u.InputTokens),
                OutputTokens = ex.Usage.Sum(u => u.OutputTokens),
            }, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Evaluation decided: accepted {Accepted}, combined {CombinedScore}, failed gates {FailedGates}, verdicts {Verdicts}, skipped judges {Skipped}")]
    private static partial void LogDecision(ILogger logger, bool accepted, double combinedScore, int failedGates, int verdicts, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Judge {Judge} gave no valid answer after {Attempts} attempts; scoring 0")]
    private static partial void LogJudgeFailed(ILogger logger, string judge, int attempts);

    private sealed record JudgeOutcome(JudgeVerdict? Verdict, SkippedJudge? Skipped);
}
