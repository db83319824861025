using DurableObjects.Shared.Users;

namespace DurableObjects.Shared.Domain;

/// <summary>
/// Who asks for an action: an authenticated user and their role. The host builds it from a verified API token
/// (or a verified phone number); services and grains trust it and use it for ownership checks and audit records.
/// </summary>
public sealed record Actor(string UserId, UserRole Role)
{
    public bool IsAdmin => Role == UserRole.Admin;

    public bool CanWrite => Role is UserRole.Admin or UserRole.Member;

    /// <summary>Admins may change anything; members only what they own; viewers nothing.</summary>
    public bool MayChange(string owner) => IsAdmin || (Role == UserRole.Member && string.Equals(owner, UserId, StringComparison.Ordinal));

    /// <summary>The system itself (bootstrap, background work).</summary>
    public static Actor System { get; } = new("system", UserRole.Admin);
}
