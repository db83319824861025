namespace DurableObjects.Functions.Http;

/// <summary>One item of a run's spend: <c>model</c> (calls, tokens), <c>sandbox</c> (gate runs, seconds) or <c>mutation</c> (checks, seconds), and its cost.</summary>
public sealed record SpendItemResponse(string Item, int Count, long Tokens, double Seconds, decimal Cost);
