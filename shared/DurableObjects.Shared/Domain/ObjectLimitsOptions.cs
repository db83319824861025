namespace DurableObjects.Shared.Domain;

/// <summary>Size limits on what a caller may submit (section <c>DurableObjects:Limits</c> of host.json).</summary>
public sealed class ObjectLimitsOptions
{
    public const string Section = "DurableObjects:Limits";

    /// <summary>Most files one version may have.</summary>
    public int MaxFiles { get; set; } = 32;

    /// <summary>Largest single file, in bytes of UTF-8.</summary>
    public int MaxFileBytes { get; set; } = 256 * 1024;

    /// <summary>Largest request body the API accepts, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Longest description or summary, in characters.</summary>
    public int MaxTextLength { get; set; } = 4000;
}
