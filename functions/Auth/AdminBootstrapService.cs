using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Users;

namespace DurableObjects.Functions.Auth;

/// <summary>
/// On the first start against empty storage, creates the user "admin" and prints its API token once to the
/// console (not to the log). With <c>Bootstrap:AdminTokenFile</c> set, the token is also written to that file
/// (mode 600) so local scripts can pick it up. Exactly one host ever does this for a given storage account.
/// </summary>
public sealed class AdminBootstrapService(UserStore users, AuditLog audit, IConfiguration configuration, ILogger<AdminBootstrapService> logger) : IHostedService
{
    public const string AdminUser = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await users.TryClaimBootstrapAsync(cancellationToken))
        {
            return;
        }
        await users.CreateAsync(AdminUser, UserRole.Admin, cancellationToken);
        var (token, tokenId) = await users.CreateTokenAsync(AdminUser, "first-start", writeId: null, cancellationToken);
        await audit.AppendAsync(AuditEventTypes.UserRegistered, AuditEventTypes.UserSubject(AdminUser), "system",
            new Dictionary<string, string> { ["role"] = "admin" }, cancellationToken);
        await audit.AppendAsync(AuditEventTypes.TokenCreated, AuditEventTypes.UserSubject(AdminUser), "system",
            new Dictionary<string, string> { ["tokenId"] = tokenId }, cancellationToken);

        Console.WriteLine();
        Console.WriteLine("First start: created the admin user 'admin'. Its API token, shown only this once:");
        Console.WriteLine($"    {token}");
        Console.WriteLine();
        if (configuration["Bootstrap:AdminTokenFile"] is { Length: > 0 } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, token, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        LogBootstrapped(logger, tokenId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void LogBootstrapped(ILogger logger, string tokenId) =>
        logger.LogInformation("First start: admin user created with token {TokenId}", tokenId);
}
