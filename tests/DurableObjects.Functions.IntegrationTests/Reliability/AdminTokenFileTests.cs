using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Safety: the first start's admin token, saved for the start script (<c>Bootstrap:AdminTokenFile</c>), is readable by
/// the host's user alone from the moment the file exists (runners run as other users).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AdminTokenFileTests
{
    [Fact]
    public async Task FirstStart_AdminTokenFile_IsTheOwnersAlone()
    {
        await using var host = await TestHost.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"do-admin-{host.Prefix}.token");

        Assert.Equal(host.AdminToken, await File.ReadAllTextAsync(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }
}
