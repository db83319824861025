namespace DurableObjects.Orchestrations.Runs.Budget;

/// <summary>
/// What one run may spend: money (<see cref="MaxCost"/>, in the currency of the configured prices) and/or tokens
/// (<see cref="MaxTokens"/>, input plus output). Null = no limit of that kind. Layers only tighten: the host default
/// (<c>DurableObjects:Pipeline:MaxCost</c>/<c>MaxTokens</c>), the object's pipeline policy and the request each may
/// lower a limit, never raise it (<see cref="Tightest"/>).
/// </summary>
public sealed record RunBudget(decimal? MaxCost, long? MaxTokens)
{
    /// <summary>The smallest of each limit across the layers that set one; null when no layer sets any.</summary>
    public static RunBudget? Tightest(params RunBudget?[] layers)
    {
        var cost = layers.Select(l => l?.MaxCost).Where(c => c is not null).Min();
        var tokens = layers.Select(l => l?.MaxTokens).Where(t => t is not null).Min();
        return cost is null && tokens is null ? null : new RunBudget(cost, tokens);
    }

    /// <summary>Problems with the values (each limit, when set, is positive); empty when valid.</summary>
    public static IEnumerable<string> Validate(string prefix, decimal? maxCost, long? maxTokens)
    {
        if (maxCost is <= 0)
        {
            yield return $"{prefix}maxCost is positive (leave it out for no money limit).";
        }
        if (maxTokens is <= 0)
        {
            yield return $"{prefix}maxTokens is positive (leave it out for no token limit).";
        }
    }
}
