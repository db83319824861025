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

    /// <param name="policies">Added to every request of these clients, after the retry policy (once per try): none in
    /// the app; tests register <see cref="Azure.Core.Pipeline.HttpPipelinePolicy"/> services to inject storage faults.</param>
    public StorageClients(IOptions<StorageOptions> options, IEnumerable<Azure.Core.Pipeline.HttpPipelinePolicy>? policies = null)
    {
        var settings = options.Value;
        _prefix = settings.TablePrefix;
        if (_prefix.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new InvalidOperationException("Storage:TablePrefix may contain only letters and digits.");
        }
        // Bounded tries: an unanswering account (a frozen emulator, a network partition) fails a call within
        // seconds instead of the SDK's 100 s per try, so requests answer 503 fast (see StorageUnavailable).
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        foreach (var retry in new[] { tableOptions.Retry, blobOptions.Retry })
        {
            retry.NetworkTimeout = settings.NetworkTimeout;
            retry.MaxRetries = settings.MaxRetries;
            retry.Delay = settings.RetryDelay;
            retry.MaxDelay = TimeSpan.FromSeconds(1);
            retry.Mode = Azure.Core.RetryMode.Exponential;
        }
        foreach (var policy in policies ?? [])
        {
            tableOptions.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
            blobOptions.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
        }
        if (settings.UsesIdentity)
        {
            // Identity-based (AzureWebJobsStorage__accountName on Azure): the managed identity's data roles, no keys.
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = settings.ManagedIdentityClientId,
            });
            _tables = new TableServiceClient(settings.TableServiceUri, credential, tableOptions);
            _blobs = new BlobServiceClient(settings.BlobServiceUri, credential, blobOptions);
        }
        else
        {
            _tables = new TableServiceClient(settings.EffectiveConnectionString, tableOptions);
            _blobs = new BlobServiceClient(settings.EffectiveConnectionString, blobOptions);
        }
    }

    public Task<TableClient> TableAsync(string name) => OnceAsync(_tableClients, name, CreateTableAsync);

    public Task<BlobContainerClient> ContainerAsync(string name) => OnceAsync(_containers, name, CreateContainerAsync);

    /// <summary>Creates a table or container once per process; a failed creation (storage down at first use) is
    /// forgotten, so the next call tries again instead of failing for the life of the process.</summary>
    private static async Task<T> OnceAsync<T>(
        ConcurrentDictionary<string, Lazy<Task<T>>> cache, string name, Func<string, Task<T>> create)
    {
        var lazy = cache.GetOrAdd(name, n => new Lazy<Task<T>>(() => create(n)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, lazy));
            throw;
        }
    }

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
