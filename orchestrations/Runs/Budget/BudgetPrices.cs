namespace DurableObjects.Orchestrations.Runs.Budget;

/// <summary>
/// What the sandbox work of a run costs (<c>DurableObjects:Pricing</c> in host.json); model calls are priced by each
/// role's model settings (<c>InputPricePer1KTokens</c>/<c>OutputPricePer1KTokens</c>). Sandbox time is the time the
/// gates spent compiling and running tests in a runner (an upper bound of its CPU time, which a pooled runner cannot
/// attribute to one call); mutation time is the time spent building and running mutants.
/// </summary>
public sealed class BudgetPrices
{
    public const string Section = "DurableObjects:Pricing";

    /// <summary>Price of one second of gate and test work in the sandbox. Default 0.0001.</summary>
    public decimal SandboxSecond { get; set; } = 0.0001m;

    /// <summary>Price of one second of mutation checking. Default 0.0001.</summary>
    public decimal MutationSecond { get; set; } = 0.0001m;
}
