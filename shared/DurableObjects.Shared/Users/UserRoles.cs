namespace DurableObjects.Shared.Users;

/// <summary>Checks a role given as input (the JSON converter also reads numbers, which may name no role).</summary>
public static class UserRoles
{
    public const string Rule = "A role is viewer, member or admin.";

    public static bool IsValid(UserRole? role) => role is null || Enum.IsDefined(role.Value);
}
