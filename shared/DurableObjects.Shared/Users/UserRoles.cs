namespace DurableObjects.Shared.Users;

/// <summary>Checks a role given as input by code (JSON reads only names: <see cref="UserRoleJsonConverter"/>), which may
/// be a number naming no role.</summary>
public static class UserRoles
{
    public const string Rule = "A role is viewer, member or admin.";

    public static bool IsValid(UserRole? role) => role is null || Enum.IsDefined(role.Value);
}
