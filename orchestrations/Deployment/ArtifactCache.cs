using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// Compiles versions once. Successful artifacts are kept in Blob Storage under the version's content hash and the
/// build of the sandbox that checked them (a changed policy never trusts an old artifact), and in memory, so a
/// redeploy or a rollback takes the cached assembly instead of compiling again.
/// </summary>
public sealed partial class ArtifactCache(StorageClients storage, ObjectCompiler compiler, ILogger<ArtifactCache> logger)
{
    private const string Container = "artifacts";
    private const int MemoryEntries = 256;
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromSeconds(30);
    private static readonly string PolicyBuild = typeof(ObjectCompiler).Assembly.ManifestModule.ModuleVersionId.ToString("N");
    private readonly BoundedCache<string, CompiledArtifact> _memory = new(MemoryEntries, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<CompiledArtifact>>> _inflight = new();

    private sealed record Manifest(string? ApiSchemaJson, string? ApiClass, string? TestClass);

    /// <summary>
    /// Compiles the files (off the caller's thread) and caches a success; failures are returned, not cached.
    /// Concurrent calls for one content hash (gates fanned out as parallel activities) share one compile.
    /// </summary>
    public async Task<CompiledArtifact> CompileAsync(string objectName, string contentHash, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default)
    {
        var mine = new Lazy<Task<CompiledArtifact>>(() => CompileOnceAsync(objectName, contentHash, files, cancellationToken));
        var shared = _inflight.GetOrAdd(contentHash, mine);
        try
        {
            return await shared.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (ReferenceEquals(shared, mine))
            {
                _inflight.TryRemove(new KeyValuePair<string, Lazy<Task<CompiledArtifact>>>(contentHash, mine));
            }
        }
    }

    /// <summary>
    /// Starts <see cref="CompileAsync"/> without waiting for it: the caller knows the content will be needed soon (a
    /// candidate just generated, before the engine hands it to the gates). Nothing is decided here: a compile error is
    /// a result the next caller finds, and any other failure is observed and dropped (that caller compiles again).
    /// </summary>
    public void StartCompile(string objectName, string contentHash, IReadOnlyDictionary<string, string> files) =>
        BestEffort.Start(CompileAsync(objectName, contentHash, files));

    private async Task<CompiledArtifact> CompileOnceAsync(string objectName, string contentHash, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        if (await FindAsync(contentHash, cancellationToken) is { } cached)
        {
            return cached;
        }
        // A compile is bounded: pathological source must not hold a request (or a thread) for long.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CompileTimeout);
        var result = await Task.Run(() => compiler.Compile(files, new CompileOptions(objectName), limit.Token), limit.Token);
        if (!result.Success || result.Assembly is null || result.Api is null)
        {
            var errors = result.Errors.Select(e => e.ToString()).DefaultIfEmpty("The code did not compile.").ToList();
            return new CompiledArtifact(contentHash, null, null, null, null, errors);
        }
        var artifact = new CompiledArtifact(contentHash, result.Assembly, result.Api.ToJson(), result.Api.ClassName, result.Api.TestClass, []);
        await StoreAsync(artifact, cancellationToken);
        Remember(artifact);
        return artifact;
    }

    /// <summary>A cached artifact, or null when this build of the sandbox has not compiled that content.</summary>
    public async Task<CompiledArtifact?> FindAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        if (_memory.TryGet(contentHash, out var remembered))
        {
            return remembered;
        }
        var container = await storage.ContainerAsync(Container);
        try
        {
            var stored = (await container.GetBlobClient(BlobName(contentHash)).DownloadContentAsync(cancellationToken)).Value.Content.ToMemory();
            var manifestLength = BinaryPrimitives.ReadInt32LittleEndian(stored.Span);
            var manifest = JsonSerializer.Deserialize<Manifest>(stored.Span.Slice(sizeof(int), manifestLength));
            var assembly = stored[(sizeof(int) + manifestLength)..].ToArray();
            var artifact = new CompiledArtifact(contentHash, assembly, manifest?.ApiSchemaJson, manifest?.ApiClass, manifest?.TestClass, []);
            Remember(artifact);
            return artifact;
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    // One blob: the manifest's length (4 bytes, little-endian), the manifest (JSON), then the assembly. A blob upload is
    // whole or absent, so a stored artifact is always complete, and storing or finding one is a single request.
    private async Task StoreAsync(CompiledArtifact artifact, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(Container);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new Manifest(artifact.ApiSchemaJson, artifact.ApiClass, artifact.TestClass));
        var content = new byte[sizeof(int) + manifest.Length + artifact.Assembly!.Length];
        BinaryPrimitives.WriteInt32LittleEndian(content, manifest.Length);
        manifest.CopyTo(content, sizeof(int));
        artifact.Assembly.CopyTo(content, sizeof(int) + manifest.Length);
        await container.GetBlobClient(BlobName(artifact.ContentHash)).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
        LogStored(logger, artifact.ContentHash, artifact.Assembly.Length);
    }

    private void Remember(CompiledArtifact artifact) => _memory.Set(artifact.ContentHash, artifact);

    private static string BlobName(string contentHash) => $"{PolicyBuild}/{contentHash}.artifact";

    [LoggerMessage(Level = LogLevel.Information, Message = "Cached the compiled artifact of {ContentHash} ({Bytes} bytes)")]
    private static partial void LogStored(ILogger logger, string contentHash, int bytes);
}
