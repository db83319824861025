using System.Text.Json.Serialization;

namespace DurableObjects.Shared.Users;

/// <summary>What a user may do: viewers read; members change their own objects; admins change everything.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UserRole>))]
public enum UserRole
{
    [JsonStringEnumMemberName("viewer")] Viewer,
    [JsonStringEnumMemberName("member")] Member,
    [JsonStringEnumMemberName("admin")] Admin,
}
