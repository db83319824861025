using DurableObjects.AI.Rewards;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>A judge's verdict, or why it was skipped (no model configured, no judge registered).</summary>
public sealed record JudgeOutcome(JudgeVerdict? Verdict, SkippedJudge? Skipped);
