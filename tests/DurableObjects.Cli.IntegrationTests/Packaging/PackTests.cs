using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace DurableObjects.Cli.IntegrationTests.Packaging;

/// <summary><c>dotnet pack cli</c> makes a .NET tool package whose command is <c>dobj</c> (what the README installs).</summary>
public sealed class PackTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task Pack_BuiltCli_ToolPackageWithDobjCommand()
    {
        var root = RepositoryRoot();
        var output = Directory.CreateTempSubdirectory("dobj-pack-").FullName;
        try
        {
            // --no-build: the test project's reference already built the CLI in this configuration.
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { "pack", Path.Combine(root, "cli", "DurableObjects.Cli.csproj"), "-c", Configuration, "--no-build", "-o", output, "--nologo" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var pack = Process.Start(start)!;
            var log = await pack.StandardOutput.ReadToEndAsync() + await pack.StandardError.ReadToEndAsync();
            await pack.WaitForExitAsync();

            Assert.True(pack.ExitCode == 0, log);
            var package = Assert.Single(Directory.GetFiles(output, "DurableObjects.Cli.*.nupkg"));
            using var zip = ZipFile.OpenRead(package);
            var settings = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            await using var stream = settings.Open();
            var command = XDocument.Load(stream).Descendants("Command").Single();
            Assert.Equal("dobj", command.Attribute("Name")?.Value);
            Assert.Equal("dobj.dll", command.Attribute("EntryPoint")?.Value);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DurableObjects.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("DurableObjects.sln not found above " + AppContext.BaseDirectory);
    }
}
