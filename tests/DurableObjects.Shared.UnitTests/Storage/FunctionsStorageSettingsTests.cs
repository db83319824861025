using DurableObjects.Shared;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableObjects.Shared.UnitTests.Storage;

public sealed class FunctionsStorageSettingsTests
{
    private const string Account = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net";

    [Fact]
    public void Resolve_StorageConnectionStringSet_WinsOverAzureWebJobsStorage()
    {
        var options = Resolve(new() { ["Storage:ConnectionString"] = Account, ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(Account, options.ConnectionString);
        Assert.False(options.UsesIdentity);
    }

    [Fact]
    public void Resolve_OnlyAzureWebJobsStorage_UsesItsConnectionString()
    {
        var options = Resolve(new() { ["AzureWebJobsStorage"] = Account });

        Assert.Equal(Account, options.EffectiveConnectionString);
        Assert.False(options.UsesIdentity);
    }

    [Fact]
    public void Resolve_AzureWebJobsStorageIsDevelopmentStorage_IsAzurite()
    {
        var options = Resolve(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("UseDevelopmentStorage=true", options.EffectiveConnectionString);
    }

    [Fact]
    public void Resolve_NothingSet_IsAzurite()
    {
        var options = Resolve(new());

        Assert.Equal("UseDevelopmentStorage=true", options.EffectiveConnectionString);
        Assert.False(options.UsesIdentity);
    }

    [Fact]
    public void Resolve_AccountNameAndClientId_UsesIdentityWithServiceUris()
    {
        var options = Resolve(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stdurobj",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.True(options.UsesIdentity);
        Assert.Equal(new Uri("https://stdurobj.table.core.windows.net"), options.TableServiceUri);
        Assert.Equal(new Uri("https://stdurobj.blob.core.windows.net"), options.BlobServiceUri);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ManagedIdentityClientId);
    }

    [Fact]
    public void Resolve_ExplicitServiceUris_OverrideTheAccountName()
    {
        var options = Resolve(new()
        {
            ["AzureWebJobsStorage:accountName"] = "ignored",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.net",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://blobs.example.net",
        });

        Assert.True(options.UsesIdentity);
        Assert.Equal(new Uri("https://tables.example.net"), options.TableServiceUri);
        Assert.Equal(new Uri("https://blobs.example.net"), options.BlobServiceUri);
        Assert.Null(options.ManagedIdentityClientId);
    }

    [Fact]
    public void Resolve_StorageConnectionStringSet_IgnoresIdentitySettings()
    {
        var options = Resolve(new() { ["Storage:ConnectionString"] = Account, ["AzureWebJobsStorage:accountName"] = "stdurobj" });

        Assert.False(options.UsesIdentity);
        Assert.Equal(Account, options.EffectiveConnectionString);
    }

    private static StorageOptions Resolve(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddDurableObjectsStorage(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageOptions>>().Value;
    }
}
