namespace DurableObjects.Functions.Auth;

/// <summary>How long a host trusts what it read about an API token (section <c>DurableObjects:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "DurableObjects:Auth";

    /// <summary>
    /// The longest a host answers from its cached read of a token's owner (user and role) while storage answers: a
    /// revoked token, a deleted user, a changed role or a disabled account takes effect on every host at most this long
    /// after it was stored (on the host that stored it, at once).
    /// </summary>
    public TimeSpan TokenCacheBound { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a host accepts a token on its last successful read while storage does not answer (counted from that
    /// read; the read is retried meanwhile). Five minutes by default, as <c>DurableObjects:Serving:DeploymentOutageBound</c>:
    /// a caller this host knows keeps invoking through a storage outage of seconds to minutes, while a token revoked
    /// where storage still answers (a host cut off from it, not the others) stops working here after minutes, not for as
    /// long as the partition lasts. A token this host has not read within the bound is not accepted (503).
    /// </summary>
    public TimeSpan TokenOutageBound { get; set; } = TimeSpan.FromMinutes(5);
}
