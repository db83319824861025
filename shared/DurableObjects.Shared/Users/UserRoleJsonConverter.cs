using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Reads a role only by its name (viewer, member, admin: lower case, as it is written) and writes its name. A number is refused even when it
/// happens to be a role's position (<c>2</c> would otherwise read as admin): an admin's typo or a client's stale enum must
/// not grant a role nobody named. The refusal says which names are allowed, and the API answers it as a 400 problem.
/// </summary>
public sealed class UserRoleJsonConverter : JsonConverter<UserRole>
{
    public override UserRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var name = reader.GetString();
            foreach (var role in Enum.GetValues<UserRole>())
            {
                if (string.Equals(name, UserStore.RoleText(role), StringComparison.Ordinal))
                {
                    return role;
                }
            }
        }
        throw new JsonException(UserRoles.Rule);
    }

    public override void Write(Utf8JsonWriter writer, UserRole value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(UserStore.RoleText(value));
    }
}
