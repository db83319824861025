namespace DurableObjects.Runner.Protocol;

/// <summary>What the runner needs besides the assembly bytes: which class is the API, which (if any) holds tests.</summary>
internal sealed record LoadRequest(string ApiClass, string? TestClass);
