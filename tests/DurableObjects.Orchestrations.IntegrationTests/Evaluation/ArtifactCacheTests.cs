using System.Diagnostics;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Shared.Domain;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Evaluation;

/// <summary>The compile a generated candidate starts ahead of its gates (<see cref="ArtifactCache.StartCompile"/>), on the real host's cache and Azurite.</summary>
public sealed class ArtifactCacheTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private ArtifactCache _cache = null!;

    public async Task InitializeAsync()
    {
        _host = await RunsHelper.StartHostAsync();
        _cache = _host.Services.GetRequiredService<ArtifactCache>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartCompile_ReturnsWithoutWaiting_TheNextCallerFindsTheArtifact()
    {
        var files = Files($"public class Counter {{ public int Twice(int n) => n * 2; }} // {Guid.NewGuid():N}");
        var hash = SourceFiles.HashVersion(SourceFiles.ToRefs(files));
        Assert.Null(await _cache.FindAsync(hash));

        _cache.StartCompile("Counter", hash, files);
        var found = await FoundWithinAsync(hash, TimeSpan.FromSeconds(30));

        Assert.NotNull(found?.Assembly);
        Assert.Equal("Counter", found.ApiClass);
    }

    [Fact]
    public async Task StartCompile_CodeThatDoesNotCompile_NothingCachedAndTheCompilerErrorsReachTheNextCaller()
    {
        var files = Files($"public class Counter {{ public int Twice(int n) => n * ; }} // {Guid.NewGuid():N}");
        var hash = SourceFiles.HashVersion(SourceFiles.ToRefs(files));

        _cache.StartCompile("Counter", hash, files);
        var compiled = await _cache.CompileAsync("Counter", hash, files);

        Assert.False(compiled.Success);
        Assert.NotEmpty(compiled.Errors);
        Assert.Null(await _cache.FindAsync(hash));
    }

    [Fact]
    public async Task AStoredArtifact_IsFoundWhole_ByAnotherHostsCache()
    {
        var files = Files($"/// <summary>Counts.</summary>\npublic class Counter {{ public int Twice(int n) => n * 2; }} // {Guid.NewGuid():N}");
        var hash = SourceFiles.HashVersion(SourceFiles.ToRefs(files));
        var compiled = await _cache.CompileAsync("Counter", hash, files);
        Assert.True(compiled.Success);

        // A second cache over the same storage has nothing in memory: it reads the one stored blob.
        var other = ActivatorUtilities.CreateInstance<ArtifactCache>(_host.Services);
        var found = await other.FindAsync(hash);

        Assert.NotNull(found);
        Assert.Equal(compiled.Assembly, found.Assembly);
        Assert.Equal(compiled.ApiSchemaJson, found.ApiSchemaJson);
        Assert.Equal(compiled.ApiClass, found.ApiClass);
        Assert.Equal(compiled.TestClass, found.TestClass);
    }

    private static Dictionary<string, string> Files(string code) => new() { ["Counter.cs"] = code };

    private async Task<CompiledArtifact?> FoundWithinAsync(string hash, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < bound)
        {
            if (await _cache.FindAsync(hash) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        return null;
    }
}
