namespace DurableObjects.Runner;

/// <summary>Thrown while serializing a result that exceeds the runner's maximum result size.</summary>
internal sealed class ResultTooLargeException(int maxBytes)
    : Exception($"The result is larger than the limit of {maxBytes} bytes.");
