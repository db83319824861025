namespace DurableObjects.Benchmarks.Load;

/// <summary>The kinds of request the load mixes.</summary>
public enum LoadKind
{
    Invoke,
    Read,
    Write,
    Run,
}
