using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Evaluation;
using RewardEvaluation = DurableObjects.AI.Rewards.Evaluation;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>One generate → gates → judges round: the candidate, the merged gate report and the reward model's evaluation.</summary>
public sealed record RunIterationView(int Iteration, CodeCandidate Candidate, GateReport? Gates, RewardEvaluation? Evaluation);
