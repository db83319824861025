using System.Text.Json.Serialization;

namespace DurableObjects.Shared.Domain;

/// <summary>The lifecycle state of a durable object, as the seed defines it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObjectStatus>))]
public enum ObjectStatus
{
    /// <summary>Created or changed, not serving anywhere yet.</summary>
    [JsonStringEnumMemberName("draft")] Draft,

    /// <summary>A version is serving in at least one environment.</summary>
    [JsonStringEnumMemberName("deployed")] Deployed,

    /// <summary>The last deploy failed; the previously serving version, if any, keeps serving.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Retired: readable, but no longer changed or deployed.</summary>
    [JsonStringEnumMemberName("deprecated")] Deprecated,
}
