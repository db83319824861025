namespace DurableObjects.Channels.Commands;

/// <summary>Intent names, their usage lines, and the words that suggest them (for "did you mean").</summary>
public static class CommandIntents
{
    /// <summary>create &lt;Name&gt; &lt;description&gt;.</summary>
    public const string Create = "create";

    /// <summary>modify &lt;Name&gt; &lt;change&gt;.</summary>
    public const string Modify = "modify";

    /// <summary>deploy &lt;Name&gt; [to &lt;env&gt;].</summary>
    public const string Deploy = "deploy";

    /// <summary>rollback &lt;Name&gt; [to v&lt;N&gt;].</summary>
    public const string Rollback = "rollback";

    /// <summary>info|status &lt;Name&gt;.</summary>
    public const string Info = "info";

    /// <summary>list objects.</summary>
    public const string ListObjects = "list_objects";

    /// <summary>count objects.</summary>
    public const string CountObjects = "count_objects";

    /// <summary>list users.</summary>
    public const string ListUsers = "list_users";

    /// <summary>approve &lt;run&gt;.</summary>
    public const string Approve = "approve";

    /// <summary>reject &lt;run&gt;.</summary>
    public const string Reject = "reject";

    /// <summary>(text|call|email|slack|notify) me when &lt;event&gt;.</summary>
    public const string Monitor = "monitor";

    /// <summary>repo info.</summary>
    public const string RepoInfo = "repo_info";

    /// <summary>issues.</summary>
    public const string ListIssues = "list_issues";

    /// <summary>help.</summary>
    public const string Help = "help";

    /// <summary>Usage line per intent, in the order help lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Usage { get; } =
    [
        new(Create, "create <Name> <description>"),
        new(Modify, "modify <Name> <change>"),
        new(Deploy, "deploy <Name> [to <env>]"),
        new(Rollback, "rollback <Name> [to v<N>]"),
        new(Info, "info <Name>"),
        new(ListObjects, "list objects"),
        new(CountObjects, "count objects"),
        new(ListUsers, "list users"),
        new(Approve, "approve <run>"),
        new(Reject, "reject <run>"),
        new(Monitor, "text|call|email|slack me when <event>"),
        new(RepoInfo, "repo info"),
        new(ListIssues, "issues"),
        new(Help, "help"),
    ];

    /// <summary>Keywords that suggest an intent when misspelled (compared by edit distance).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Keywords { get; } =
    [
        new("create", Create), new("make", Create), new("build", Create),
        new("modify", Modify), new("change", Modify), new("update", Modify), new("edit", Modify),
        new("deploy", Deploy), new("release", Deploy),
        new("rollback", Rollback), new("revert", Rollback),
        new("info", Info), new("status", Info), new("describe", Info),
        new("list", ListObjects), new("objects", ListObjects),
        new("count", CountObjects),
        new("users", ListUsers),
        new("approve", Approve),
        new("reject", Reject),
        new("text", Monitor), new("call", Monitor), new("email", Monitor), new("slack", Monitor), new("notify", Monitor),
        new("repo", RepoInfo), new("repository", RepoInfo),
        new("issues", ListIssues),
        new("help", Help),
    ];

    /// <summary>The usage line of an intent.</summary>
    public static string UsageOf(string intent) => Usage.First(u => u.Key == intent).Value;

    /// <summary>The short help text (fits in one SMS).</summary>
    public static string HelpText => "Commands: " + string.Join("; ", Usage.Select(u => u.Value)) + ".";
}
