using System.Security.Claims;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;

namespace DurableObjects.Functions.Auth;

/// <summary>
/// Authorization policies by role: every /api call needs <see cref="Read"/> at least; changes need
/// <see cref="Write"/>; user management needs <see cref="Admin"/>. Ownership is checked by the services.
/// </summary>
public static class AuthPolicies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static void AddDurableObjectsPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) => builder
        .AddPolicy(Read, p => p.RequireAuthenticatedUser())
        .AddPolicy(Write, p => p.RequireRole(nameof(UserRole.Member), nameof(UserRole.Admin)))
        .AddPolicy(Admin, p => p.RequireRole(nameof(UserRole.Admin)))
        .SetFallbackPolicy(null);

    /// <summary>The authenticated caller as an <see cref="Actor"/> for the services and grains.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Unauthenticated caller."),
        Enum.Parse<UserRole>(user.FindFirstValue(ClaimTypes.Role) ?? nameof(UserRole.Viewer)));
}
