using System.Globalization;

namespace DurableObjects.Orchestrations.Runs.Budget;

/// <summary>
/// What a run has spent so far against its budget, per item and in total. <see cref="Exhausted"/> when a limit is
/// reached: the run then starts no further priced step.
/// </summary>
public sealed record RunSpend(RunBudget? Budget, IReadOnlyList<SpendItem> Items, long Tokens, decimal Cost, bool Exhausted)
{
    /// <summary>The stop reason people read: the limit reached and the spend per item.</summary>
    public string Describe()
    {
        var limits = new List<string>();
        if (Budget?.MaxCost is { } cost)
        {
            limits.Add(string.Create(CultureInfo.InvariantCulture, $"cost {Cost:0.######} of {cost:0.######}"));
        }
        if (Budget?.MaxTokens is { } tokens)
        {
            limits.Add(string.Create(CultureInfo.InvariantCulture, $"tokens {Tokens} of {tokens}"));
        }
        var items = Items.Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i.Item}: {i.Count} x, {i.Tokens} tokens, {i.Seconds:0.###} s, {i.Cost:0.######}"));
        return $"The run's budget is spent ({string.Join(", ", limits)}). Spent: {string.Join("; ", items)}.";
    }
}
