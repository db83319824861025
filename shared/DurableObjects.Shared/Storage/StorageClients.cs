using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// The table and blob clients of the configured account. Each table and container is created on first use,
/// once per process, so start-up needs no separate provisioning step and a fresh Azurite just works.
/// </summary>
public sealed class StorageClients
{
    private readonly TableServiceClient _tables;
    private readonly BlobServiceClient _blobs;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tableClients = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new();

    public StorageClients(IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        _prefix = settings.TablePrefix;
        if (_prefix.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new InvalidOperationException("Storage:TablePrefix may contain only letters and digits.");
        }
        if (settings.UsesIdentity)
        {
            // Identity-based (AzureWebJobsStorage__accountName on Azure): the managed identity's data roles, no keys.
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = settings.ManagedIdentityClientId,
            });
            _tables = new TableServiceClient(settings.TableServiceUri, credential);
            _blobs = new BlobServiceClient(settings.BlobServiceUri, credential);
        }
        else
        {
            _tables = new TableServiceClient(settings.EffectiveConnectionString);
            _blobs = new BlobServiceClient(settings.EffectiveConnectionString);
        }
    }

    public Task<TableClient> TableAsync(string name) =>
        _tableClients.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateTableAsync(n))).Value;

    public Task<BlobContainerClient> ContainerAsync(string name) =>
        _containers.GetOrAdd(name, n => new Lazy<Task<BlobContainerClient>>(() => CreateContainerAsync(n))).Value;

    private async Task<TableClient> CreateTableAsync(string name)
    {
        var client = _tables.GetTableClient(_prefix + name);
        await client.CreateIfNotExistsAsync();
        return client;
    }

    private async Task<BlobContainerClient> CreateContainerAsync(string name)
    {
        var client = _blobs.GetBlobContainerClient((_prefix + name).ToLowerInvariant());
        await client.CreateIfNotExistsAsync();
        return client;
    }

    /// <summary>Checks the account answers (used by the health endpoint).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            break;
        }
    }
}
