namespace DurableObjects.Sandbox.Runners;

/// <summary>Identifies a deployed object version: its name and the content hash of its code.</summary>
public readonly record struct RunnerKey(string ObjectName, string ContentHash)
{
    public override string ToString() => $"{ObjectName}@{ContentHash[..Math.Min(12, ContentHash.Length)]}";
}
