namespace DurableObjects.Cli;

/// <summary>What the exit code means, so scripts can branch on it (documented in the README, "From your shell").</summary>
public static class ExitCodes
{
    /// <summary>Done; a followed run succeeded.</summary>
    public const int Ok = 0;

    /// <summary>A followed run was rejected, failed or was cancelled (the reasons are printed).</summary>
    public const int RunNotAccepted = 1;

    /// <summary>Bad arguments or local input (unknown option, no manifest, no files): nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Refused: the server answered 4xx (other than 401), or a push would overwrite someone else's change.</summary>
    public const int Refused = 3;

    /// <summary>Cannot reach the server, not logged in, bad token (401), or the server failed (5xx): worth retrying later.</summary>
    public const int Unavailable = 4;

    /// <summary><c>audit verify</c> found the decision chain broken (the first broken record is printed).</summary>
    public const int ChainBroken = 5;

    /// <summary><c>health</c>: the server is ready but its runner isolation is not enforced (weakened or refused; the
    /// server's reasons are printed).</summary>
    public const int SandboxNotEnforced = 6;
}
