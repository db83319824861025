using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Rewards;

/// <summary>A routed judge that did not run, and why; shown with the evaluation so skipping is never silent.</summary>
/// <param name="Kind">The check that was skipped.</param>
/// <param name="Reason">Why (no model configured, a gate already failed).</param>
/// <param name="CausedByGateFailure">True when skipped because a gate failed (the candidate is rejected anyway).</param>
public sealed record SkippedJudge(CheckKind Kind, string Reason, bool CausedByGateFailure);
