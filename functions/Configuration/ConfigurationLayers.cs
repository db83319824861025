namespace DurableObjects.Functions.Configuration;

/// <summary>
/// The configuration layers, lowest first: host.json (engine settings, committed), local.settings.json
/// (secrets, git-ignored), environment variables, then the command line. Both files are looked for in the
/// content root and the folders above it, so the host finds the repository's files however it is started.
/// </summary>
public static class ConfigurationLayers
{
    public static void AddDurableObjectsConfiguration(this WebApplicationBuilder builder)
    {
        var directory = FindConfigDirectory(builder.Environment.ContentRootPath);
        builder.Configuration.AddJsonFile(Path.Combine(directory, "host.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddLocalSettings(Path.Combine(directory, "local.settings.json"));
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(Environment.GetCommandLineArgs().Skip(1).ToArray());
    }

    private static string FindConfigDirectory(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "host.json")))
            {
                return directory.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
