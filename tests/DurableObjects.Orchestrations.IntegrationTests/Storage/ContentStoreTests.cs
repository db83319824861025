using Azure;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Storage;

/// <summary>Content-addressed blobs never change, so a host keeps the ones it recently wrote or read.</summary>
public sealed class ContentStoreTests
{
    [Fact]
    public async Task Get_OfContentThisHostWroteOrRead_IsServedWithoutAStorageRead_AnotherHostReadsStorage()
    {
        await using var host = await TestHost.StartAsync();
        var storage = host.Services.GetRequiredService<StorageClients>();
        var store = host.Services.GetRequiredService<ContentStore>();
        const string Written = "public class A { }";
        const string Hash = "0000000000000000000000000000000000000000000000000000000000000001";
        await store.PutAsync(Hash, Written);
        var container = await storage.ContainerAsync(TableNames.CodeContainer);
        var other = new ContentStore(storage);
        Assert.Equal(Written, await other.GetAsync(Hash));

        // Gone from storage behind both stores' backs (nothing in the project deletes content): only the cache has it.
        await container.DeleteBlobAsync("sha256/" + Hash);

        Assert.Equal(Written, await store.GetAsync(Hash));
        Assert.Equal(Written, await other.GetAsync(Hash));
        var fresh = new ContentStore(storage);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => fresh.GetAsync(Hash));
        Assert.Equal(404, missing.Status);
    }
}
