namespace DurableObjects.Cli.Api;

/// <summary>A version; <see cref="Files"/> (path → source) is there only when one version is fetched.</summary>
public sealed record VersionView(
    int Number, string Summary, string Author, int? ParentVersion, string ContentHash, DateTimeOffset CreatedAt, Dictionary<string, string>? Files);
