namespace DurableObjects.Shared.Domain;

/// <summary>The wire and storage spelling of <see cref="ObjectStatus"/> (lower case, as in the API).</summary>
public static class ObjectStatusText
{
    public static string ToText(this ObjectStatus status) => status switch
    {
        ObjectStatus.Draft => "draft",
        ObjectStatus.Deployed => "deployed",
        ObjectStatus.Failed => "failed",
        ObjectStatus.Deprecated => "deprecated",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? text, out ObjectStatus status)
    {
        foreach (var candidate in Enum.GetValues<ObjectStatus>())
        {
            if (string.Equals(candidate.ToText(), text, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}
