using System.Text.RegularExpressions;

namespace DurableObjects.Channels.Slack;

/// <summary>Slack member ids: <c>U…</c> or <c>W…</c> (Enterprise Grid), upper-case letters and digits.</summary>
public static partial class SlackUserIds
{
    /// <summary>True for a well-formed member id.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^[UW][A-Z0-9]{2,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
