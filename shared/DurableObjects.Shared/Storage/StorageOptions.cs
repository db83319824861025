namespace DurableObjects.Shared.Storage;

/// <summary>
/// Where objects, versions and events live (section <c>Storage</c>). With no connection string the host uses
/// the local emulator (Azurite) at its default address; a real Azure Storage connection string switches to Azure.
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

    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) ? "UseDevelopmentStorage=true" : ConnectionString;
}
