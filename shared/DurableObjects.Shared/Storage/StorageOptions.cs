namespace DurableObjects.Shared.Storage;

/// <summary>
/// Where objects, versions and events live (section <c>Storage</c>). The account is, in this order:
/// <c>Storage:ConnectionString</c>; else Azure Functions' own <c>AzureWebJobsStorage</c> — a connection string
/// (<c>UseDevelopmentStorage=true</c> is Azurite), or identity-based with <c>AzureWebJobsStorage__accountName</c>
/// (or <c>__tableServiceUri</c> and <c>__blobServiceUri</c>) and optionally <c>__clientId</c>, filled in by
/// <see cref="FunctionsStorageSettings"/>; else the local emulator (Azurite) at its default address.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Azure Storage connection string; secret, so it belongs in local.settings.json or the environment.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Prepended to every table and container name, so several hosts (or test runs) can share one account
    /// without seeing each other's data. Letters and digits only.
    /// </summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>How long one try of a storage call may take before the client gives up on it (the Azure SDK's
    /// <c>NetworkTimeout</c>, 100 s by default there). Default 2 s: with <see cref="MaxRetries"/> and
    /// <see cref="RetryDelay"/> a call that cannot complete fails within about 4.5 s, and the request answers 503.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after a failed or timed-out try (transport errors, 408, 429, 5xx). Default 1.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Delay before the first retry (exponential, at most 1 s). Default 250 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest a storage call can take with these settings (every try timing out), rounded up to whole
    /// seconds: what a client should wait before retrying (<c>Retry-After</c>).</summary>
    public TimeSpan WorstCaseCallDuration =>
        TimeSpan.FromSeconds(Math.Ceiling((NetworkTimeout * (MaxRetries + 1) + RetryDelay * MaxRetries * 2).TotalSeconds));

    /// <summary>Identity-based access: the Table service URL (from <c>AzureWebJobsStorage__accountName</c> or
    /// <c>__tableServiceUri</c>). Used only when no connection string is set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Identity-based access: the Blob service URL (from <c>AzureWebJobsStorage__accountName</c> or
    /// <c>__blobServiceUri</c>). Used only when no connection string is set.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Identity-based access: the client ID of the user-assigned managed identity to use
    /// (<c>AzureWebJobsStorage__clientId</c>); empty = <c>DefaultAzureCredential</c>'s own choice.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>True when the account is reached with a token credential instead of a connection string.</summary>
    public bool UsesIdentity =>
        string.IsNullOrWhiteSpace(ConnectionString) && TableServiceUri is not null && BlobServiceUri is not null;

    /// <summary>The connection string in force: the configured one, or Azurite's when neither a connection string nor
    /// identity-based endpoints are configured. Meaningless when <see cref="UsesIdentity"/>.</summary>
    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) ? "UseDevelopmentStorage=true" : ConnectionString;
}
