using System.Text.Json;

namespace DurableObjects.Cli.Config;

/// <summary>
/// <c>config.json</c> in the user's config folder: the URL and token from <c>login</c>. The token is a secret, so
/// the file is created with mode 600 (owner read/write only) and its folder 700 before anything is written.
/// <c>DURABLEOBJECTS_URL</c> and <c>DURABLEOBJECTS_TOKEN</c> override what is stored (CI, scripts, containers).
/// </summary>
public sealed class ConfigStore(CliEnvironment environment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string FilePath => Path.Combine(environment.ConfigDirectory, "config.json");

    public CliSettings? Load()
    {
        CliSettings? stored = null;
        if (File.Exists(FilePath))
        {
            try
            {
                stored = JsonSerializer.Deserialize<CliSettings>(File.ReadAllText(FilePath), Json);
            }
            catch (JsonException)
            {
                throw CliException.Usage($"The CLI's config file is not valid JSON: {FilePath}", "Run login again, or delete the file.");
            }
        }
        var url = NonEmpty(environment.Variable(CliEnvironment.UrlVariable)) ?? stored?.Url;
        var token = NonEmpty(environment.Variable(CliEnvironment.TokenVariable)) ?? stored?.Token;
        return url is null || token is null ? null : new CliSettings(url, token);
    }

    public void Save(CliSettings settings)
    {
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(environment.ConfigDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(environment.ConfigDirectory);
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(FilePath, options))
        {
            JsonSerializer.Serialize(stream, settings, Json);
        }
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode only applies to a new file; an older, looser file is tightened too.
            File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public bool Delete()
    {
        if (!File.Exists(FilePath))
        {
            return false;
        }
        File.Delete(FilePath);
        return true;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
