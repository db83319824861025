using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Body of <c>POST /api/objects</c>: a new object with its initial code. The fields are nullable because the handler
/// checks them and names what is wrong; <see cref="RequiredAttribute"/> marks those it refuses without (the OpenAPI
/// document lists them as required, see <see cref="RequiredPropertiesTransformer"/>). The same holds for every request record.
/// </summary>
public sealed record CreateObjectRequest([property: Required] string? Name, string? Description, [property: Required] Dictionary<string, string>? Files, string? Summary);

/// <summary>
/// Body of <c>POST /api/objects/{name}/versions</c>. <paramref name="BaseVersion"/> (optional): the version the files
/// were made from; when given and a new version would no longer follow it (another version was added since, or the
/// object was rolled back), the answer is 409 naming both versions and nothing is stored. Without it, the files become
/// the next version whatever came before.
/// </summary>
public sealed record AddVersionRequest(
    [property: Required] Dictionary<string, string>? Files,
    string? Summary,
    [property: Description("The version these files were made from (e.g. the one you pulled). When given and a new version would no longer follow it - a version was added since, or the object was rolled back - the answer is 409 naming both versions and nothing is stored. Leave it out to add the files whatever came before.")]
    int? BaseVersion = null);

/// <summary>Body of <c>PATCH /api/objects/{name}</c>.</summary>
public sealed record UpdateObjectRequest(string? Description, bool? PublicInvoke);

/// <summary>Body of <c>POST /api/objects/{name}/deploy</c>: both optional (current version, default environment).</summary>
public sealed record DeployObjectRequest(int? Version, string? Environment);

/// <summary>Body of <c>POST /api/objects/{name}/promote</c>: the environment whose version moves to the next one.</summary>
public sealed record PromoteRequest([property: Required] string? From);

/// <summary>Body of <c>POST /api/objects/{name}/rollback</c>.</summary>
public sealed record RollbackRequest([property: Required] int? Version);

/// <summary>An object as the API shows it.</summary>
public sealed record ObjectResponse(
    string Name, string Description, ObjectStatus Status, int CurrentVersion, int LatestVersion, string Owner,
    JsonElement? ApiSchema, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, DeploymentInfo> Deployments, string? LastError, bool PublicInvoke)
{
    public static ObjectResponse From(ObjectInfo o) => new(
        o.Name, o.Description, o.Status, o.CurrentVersion, o.LatestVersion, o.Owner, ParseJson(o.ApiSchema), o.CreatedAt, o.UpdatedAt,
        o.Deployments, o.LastError, o.PublicInvoke);

    internal static JsonElement? ParseJson(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

/// <summary>A version as the API shows it; <see cref="Files"/> holds contents only when one version is fetched.</summary>
public sealed record VersionResponse(
    int Number, string Summary, string Author, int? ParentVersion, string ContentHash, IReadOnlyList<SourceFileRef> FileList,
    JsonElement? ApiSchema, DateTimeOffset CreatedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Files = null)
{
    public static VersionResponse From(VersionInfo v, IReadOnlyDictionary<string, string>? files = null) => new(
        v.Number, v.Summary, v.Author, v.ParentVersion, v.ContentHash, v.Files, ObjectResponse.ParseJson(v.ApiSchema), v.CreatedAt, files);
}

/// <summary>One page of a listing.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? ContinuationToken);
