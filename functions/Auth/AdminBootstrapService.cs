using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;

namespace DurableObjects.Functions.Auth;

/// <summary>
/// On the first start against empty storage, creates the user "admin" and prints its API token once to the
/// console (not to the log). With <c>Bootstrap:AdminTokenFile</c> set, the token is also written to that file
/// (mode 600) so local scripts can pick it up. Exactly one host ever does this for a given storage account, and
/// it does it even when the answer to its claim was lost (<see cref="BootstrapClaim.TryClaimAsync"/> knows its own claim).
/// The user and its token are made as an admin makes them (<see cref="UserAccountService.CreateUserAsync"/>, by the
/// system), so user.registered and token.created are each recorded once: an event insert that storage applied but whose
/// answer was lost is not a second event, nor a failed start; a registration whose event could not be recorded stays
/// pending on the row until the next listing of users records it.
/// </summary>
public sealed class AdminBootstrapService(BootstrapClaim claim, UserAccountService accounts, IConfiguration configuration, ILogger<AdminBootstrapService> logger) : IHostedService
{
    public const string AdminUser = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await claim.TryClaimAsync(cancellationToken))
        {
            return;
        }
        var created = await accounts.CreateUserAsync(Actor.System, AdminUser, UserRole.Admin, operation: null, tokenName: "first-start", cancellationToken);
        if (created is not { Succeeded: true, Value.Token: { } first })
        {
            // The claim is insert-only, so nobody else made "admin" from it; only an admin's own doing could have.
            LogNotBootstrapped(logger, created.Error?.Message);
            return;
        }
        var (token, tokenId) = (first.Token, first.TokenId);

        Console.WriteLine();
        Console.WriteLine("First start: created the admin user 'admin'. Its API token, shown only this once:");
        Console.WriteLine($"    {token}");
        Console.WriteLine();
        if (configuration["Bootstrap:AdminTokenFile"] is { Length: > 0 } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Created 0600 (not written, then narrowed): no moment in which another user could open it.
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            // No byte-order mark: scripts read the file as the token (TOKEN=$(cat .data/admin-token)).
            await using (var file = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
            {
                await file.WriteAsync(token.AsMemory(), cancellationToken);
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // a file that was already there
            }
        }
        LogBootstrapped(logger, tokenId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void LogBootstrapped(ILogger logger, string tokenId) =>
        logger.LogInformation("First start: admin user created with token {TokenId}", tokenId);

    private static void LogNotBootstrapped(ILogger logger, string? reason) =>
        logger.LogWarning("First start: the admin user was not created: {Reason}", reason);
}
