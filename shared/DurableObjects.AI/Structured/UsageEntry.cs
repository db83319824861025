namespace DurableObjects.AI.Structured;

/// <summary>Token usage and estimated cost of one model call (one attempt of a structured step).</summary>
/// <param name="CallName">The step, e.g. <c>plan-modification</c>, <c>judge-preference</c>.</param>
/// <param name="Model">The model that answered (from the response, else the configured name).</param>
/// <param name="Attempt">1 for the first ask, 2+ for re-asks.</param>
/// <param name="InputTokens">Prompt tokens reported by the provider (0 when it reports none).</param>
/// <param name="OutputTokens">Completion tokens reported by the provider.</param>
/// <param name="EstimatedCost">Tokens × configured prices.</param>
/// <param name="Valid">Whether this attempt's answer parsed and validated.</param>
public sealed record UsageEntry(
    string CallName, string Model, int Attempt, long InputTokens, long OutputTokens, decimal EstimatedCost, bool Valid);
