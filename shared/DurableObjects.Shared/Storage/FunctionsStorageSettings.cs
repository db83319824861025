using Microsoft.Extensions.Configuration;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// Lets the app use the storage account Azure Functions users configure anyway — <c>AzureWebJobsStorage</c> — when
/// <c>Storage:ConnectionString</c> is not set: as a connection string (<c>UseDevelopmentStorage=true</c> for Azurite),
/// or identity-based as Functions reads it (<c>AzureWebJobsStorage__accountName</c>, or <c>__tableServiceUri</c> and
/// <c>__blobServiceUri</c>, with <c>__clientId</c> for a user-assigned identity). <c>Storage:*</c> keeps precedence.
/// </summary>
public static class FunctionsStorageSettings
{
    /// <summary>The Functions host's storage setting (a value, or a section of identity-based settings).</summary>
    public const string Key = "AzureWebJobsStorage";

    /// <summary>Fills <paramref name="options"/> from <c>AzureWebJobsStorage</c> where <c>Storage:*</c> left it unset.</summary>
    public static void Apply(StorageOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) ||
            (options.TableServiceUri is not null && options.BlobServiceUri is not null))
        {
            return;
        }

        var connectionString = configuration[Key];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            options.ConnectionString = connectionString;
            return;
        }

        var section = configuration.GetSection(Key);
        var accountName = section["accountName"];
        options.TableServiceUri ??= UriOrNull(section["tableServiceUri"]) ?? ServiceUri(accountName, "table");
        options.BlobServiceUri ??= UriOrNull(section["blobServiceUri"]) ?? ServiceUri(accountName, "blob");
        if (string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            options.ManagedIdentityClientId = string.IsNullOrWhiteSpace(section["clientId"]) ? null : section["clientId"];
        }
    }

    private static Uri? ServiceUri(string? accountName, string service) =>
        string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");

    private static Uri? UriOrNull(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
