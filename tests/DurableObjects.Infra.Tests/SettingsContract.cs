namespace DurableObjects.Infra.Tests;

/// <summary>
/// Where the Function App's app settings (infra/modules/functionapp.bicep) and local.settings.sample.json's Values
/// legitimately differ — and why. Everything else must be the same set of keys. Documented in infra/README.md.
/// </summary>
internal static class SettingsContract
{
    /// <summary>Keys the sample has and the Bicep does not set.</summary>
    public static readonly IReadOnlyDictionary<string, string> SampleOnly = new Dictionary<string, string>
    {
        ["AzureWebJobsStorage"] = "becomes identity-based: AzureWebJobsStorage__accountName, __credential, __clientId",
        ["FUNCTIONS_WORKER_RUNTIME"] = "Flex Consumption sets the runtime in functionAppConfig.runtime and rejects this setting",
        ["Storage__ConnectionString"] = "unset on Azure: storage falls back to the identity-based AzureWebJobsStorage",
        ["AI__ApiKey"] = "unset on Azure: Azure OpenAI is called with the managed identity (local auth is off)",
        ["Bootstrap__AdminTokenFile"] = "local only: a file for the start script; on Azure the first admin token goes to the log",
        ["TWILIO_API_BASE_URL"] = "local stand-ins and tests only; Azure uses the real API's default",
        ["SLACK_API_BASE_URL"] = "local stand-ins and tests only; Azure uses the real API's default",
        ["GITHUB_API_BASE_URL"] = "local stand-ins and tests only; Azure uses the real API's default",
        ["SENDGRID_API_BASE_URL"] = "local stand-ins and tests only; Azure uses the real API's default",
    };

    /// <summary>Keys the Bicep sets and the sample does not have.</summary>
    public static readonly IReadOnlyDictionary<string, string> AzureOnly = new Dictionary<string, string>
    {
        ["AzureWebJobsStorage__accountName"] = "identity-based AzureWebJobsStorage (host, task hub, the app's tables and blobs)",
        ["AzureWebJobsStorage__credential"] = "identity-based AzureWebJobsStorage: managedidentity",
        ["AzureWebJobsStorage__clientId"] = "identity-based AzureWebJobsStorage: which user-assigned identity",
        ["AZURE_CLIENT_ID"] = "DefaultAzureCredential (Azure OpenAI) picks the user-assigned identity by it",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Entra ID telemetry ingestion (the component's local auth is off)",
    };
}
