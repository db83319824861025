namespace DurableObjects.Functions.Http;

/// <summary>
/// A run's budget and what it has spent: the limits (null = none of that kind), the totals, whether a limit is
/// reached (a run stopped for it has status <c>budget-exhausted</c>), and the spend per item.
/// </summary>
public sealed record RunBudgetResponse(decimal? MaxCost, long? MaxTokens, decimal Cost, long Tokens, bool Exhausted, IReadOnlyList<SpendItemResponse> Items);
