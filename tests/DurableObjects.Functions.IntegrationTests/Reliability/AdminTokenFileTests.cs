using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Safety: the first start's admin token, saved for the start script (<c>Bootstrap:AdminTokenFile</c>), is readable by
/// the host's user alone from the moment the file exists (runners run as other users), and holds the token's bytes alone
/// (no byte-order mark), as scripts read it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AdminTokenFileTests
{
    [Fact]
    public async Task FirstStart_AdminTokenFile_IsTheOwnersAloneAndHoldsTheTokenAlone()
    {
        await using var host = await TestHost.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"do-admin-{host.Prefix}.token");

        // The bytes, not a decoded string: a reader that strips a byte-order mark would hide one that `cat` passes on.
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(host.AdminToken), await File.ReadAllBytesAsync(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }
}
