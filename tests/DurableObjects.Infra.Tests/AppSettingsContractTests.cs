using System.Text.Json;

namespace DurableObjects.Infra.Tests;

/// <summary>
/// The app settings the Bicep gives the Function App are exactly the keys the app reads — those of
/// local.settings.sample.json — beside the exceptions in <see cref="SettingsContract"/>, so the two cannot drift.
/// </summary>
public sealed class AppSettingsContractTests
{
    private static readonly string[] SecretFields = ["twilioAuthToken", "slackBotToken", "slackSigningSecret", "githubToken", "sendGridApiKey", "smtpPassword"];

    [Fact]
    public void AppSettings_ComparedWithLocalSettingsSample_AreTheSameKeysBesideDocumentedExceptions()
    {
        var expected = SampleKeys().Except(SettingsContract.SampleOnly.Keys).Union(SettingsContract.AzureOnly.Keys).ToHashSet();
        var actual = BicepKeys();

        var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        var unexpected = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0,
            $"Bicep app settings differ from local.settings.sample.json. Missing in Bicep: [{string.Join(", ", missing)}]; " +
            $"not in the sample: [{string.Join(", ", unexpected)}]. Add the key to both, or document an exception.");
    }

    [Fact]
    public void Exceptions_EachOne_StillDescribesARealDifference()
    {
        var sample = SampleKeys();
        var bicep = BicepKeys();

        Assert.All(SettingsContract.SampleOnly.Keys, key => Assert.True(sample.Contains(key) && !bicep.Contains(key), key));
        Assert.All(SettingsContract.AzureOnly.Keys, key => Assert.True(bicep.Contains(key) && !sample.Contains(key), key));
    }

    [Fact]
    public void LocalSettingsSample_InFunctionsFormat_RunsTheIsolatedWorkerOnAzurite()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Repository.LocalSettingsSample));
        var values = sample.RootElement.GetProperty("Values");

        Assert.False(sample.RootElement.GetProperty("IsEncrypted").GetBoolean());
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("Process", values.GetProperty("DurableObjects__Runner__Mode").GetString());
    }

    [Fact]
    public void AppSettings_OnAzure_HoldNoStorageOrOpenAIKeys()
    {
        var settings = ArmTemplate.AppSettings(BicepCli.Main);
        var text = settings.GetRawText();

        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("managedidentity", settings.GetProperty("AzureWebJobsStorage__credential").GetString());
        Assert.Equal("true", settings.GetProperty("AI__UseManagedIdentity").GetString());
        Assert.Equal("AzureOpenAI", settings.GetProperty("AI__Provider").GetString());
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void SecretSetting_PassedToFunctionApp_IsAKeyVaultReference(string field)
    {
        var app = ArmTemplate.Resources(BicepCli.Main).Single(r => r.Path == "functionApp").Resource
            .GetProperty("properties").GetProperty("parameters").GetProperty("app").GetProperty("value");

        var value = app.GetProperty(field).GetString() ?? "";

        Assert.StartsWith("[__bicep.secretSetting(reference('keyVault')", value, StringComparison.Ordinal);
    }

    public static TheoryData<string> Secrets() => [.. SecretFields];

    private static HashSet<string> SampleKeys()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Repository.LocalSettingsSample));
        return sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    private static HashSet<string> BicepKeys() =>
        ArmTemplate.AppSettings(BicepCli.Main).EnumerateObject().Select(p => p.Name).ToHashSet();
}
