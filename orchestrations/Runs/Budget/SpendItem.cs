namespace DurableObjects.Orchestrations.Runs.Budget;

/// <summary>
/// One kind of spending in a run: <c>model</c> (calls and tokens), <c>sandbox</c> (seconds of gates and tests) or
/// <c>mutation</c> (seconds of mutation checks), with what it cost.
/// </summary>
public sealed record SpendItem(string Item, int Count, long Tokens, double Seconds, decimal Cost);
