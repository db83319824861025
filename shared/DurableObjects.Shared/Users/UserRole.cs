using System.Text.Json.Serialization;

namespace DurableObjects.Shared.Users;

/// <summary>What a user may do: viewers read; members change their own objects; admins change everything. In JSON a
/// role is its lower-case name, never a number (<see cref="UserRoleJsonConverter"/>).</summary>
[JsonConverter(typeof(UserRoleJsonConverter))]
public enum UserRole
{
    Viewer,
    Member,
    Admin,
}
