namespace DurableObjects.Shared.Domain;

/// <summary>One file of an object version as stored: its path, the SHA-256 of its content and its size.</summary>
public sealed record SourceFileRef(
    string Path,
    string Sha256,
    long Size);
