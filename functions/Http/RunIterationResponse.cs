using DurableObjects.AI.Metrics;
using DurableObjects.AI.Rewards;

namespace DurableObjects.Functions.Http;

/// <summary>One generate → gates → judges round.</summary>
public sealed record RunIterationResponse(
    int Iteration,
    CandidateSummaryResponse Candidate,
    IReadOnlyList<GateResult>? Gates,
    GateTimingsResponse GateTimings,
    bool? Accepted,
    double? CombinedScore,
    RewardThresholds? Thresholds,
    IReadOnlyList<ScoreResponse> Scores,
    IReadOnlyList<SkippedJudge>? SkippedJudges,
    IReadOnlyList<string>? RejectionReasons,
    IReadOnlyList<string>? ApprovalReasons,
    string? Feedback,
    CodeMetrics? Metrics);
