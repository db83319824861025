using System.Text.RegularExpressions;

namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>
/// Maps an event as people say it ("any user signs up", "Calculator fails", "a deploy of Calculator fails in
/// production") to an event-type pattern from <see cref="EventTypes"/>, the subject it concerns, and what is left
/// as conditions. The most specific phrase wins; "X fails" alone becomes <see cref="EventTypes.AnyFailure"/>.
/// </summary>
public static partial class EventPhrases
{
    private static readonly HashSet<string> NotSubjects =
    [
        "any", "a", "an", "the", "some", "someone", "somebody", "anyone", "anybody", "anything", "something", "every", "each",
        "all", "my", "our", "new", "user", "users", "deploy", "deploys", "deployment", "deployments", "run", "runs", "object",
        "objects", "version", "versions", "it", "there", "i", "we", "modification", "modifications", "change", "changes",
        "invocation", "invocations", "build", "builds", "person", "people", "member", "members", "sign", "signup", "signups",
        "registration", "registrations", "approval", "rollback", "rollbacks", "system", "call", "calls", "monitor", "monitors",
        "there's", "theres", "something's", "one", "of", "generation", "generations", "request", "requests",
    ];

    private static readonly (Regex Phrase, string EventType)[] Phrases =
    [
        (UserRegisteredPhrase(), EventTypes.UserRegistered),
        (DeployFailedPhrase(), EventTypes.DeployFailed),
        (RolledBackPhrase(), EventTypes.RolledBack),
        (AwaitingApprovalPhrase(), EventTypes.RunAwaitingApproval),
        (InvocationFailedPhrase(), EventTypes.InvocationFailed),
        (RunFailedPhrase(), EventTypes.RunFailed),
        (RunRejectedPhrase(), EventTypes.RunRejected),
        (RunAcceptedPhrase(), EventTypes.RunAccepted),
        (DeployedPhrase(), EventTypes.DeploySucceeded),
        (ObjectCreatedPhrase(), EventTypes.ObjectCreated),
        (VersionAddedPhrase(), EventTypes.VersionAdded),
        (AnyFailurePhrase(), EventTypes.AnyFailure),
    ];

    /// <summary>The event pattern, subject and conditions of <paramref name="description"/>; null when no phrase is known.</summary>
    public static (string EventType, string? Subject, string? Conditions)? Resolve(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        foreach (var (phrase, eventType) in Phrases)
        {
            var match = phrase.Match(description);
            if (match.Success)
            {
                var conditions = description[(match.Index + match.Length)..].Trim().TrimEnd('.', '!', '?', ',').Trim();
                return (eventType, FindSubject(description), conditions.Length == 0 ? null : conditions);
            }
        }

        return null;
    }

    /// <summary>The object named in the event: after "of"/"for", or the first word that is not a quantifier or a noun of the system.</summary>
    public static string? FindSubject(string description)
    {
        var tokens = TranscriptNormalizer.Tokenize(description);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Key is "of" or "for" or "named" or "called" && IsSubject(tokens[i + 1]))
            {
                return tokens[i + 1].Bare;
            }
        }

        var first = tokens.SkipWhile(t => t.Key is "the" or "a" or "an").FirstOrDefault();
        return first.Text is not null && IsSubject(first) ? first.Bare : null;
    }

    private static bool IsSubject(Token token) => !NotSubjects.Contains(token.Key) && NameRules.IsValid(token.Bare);

    [GeneratedRegex(@"\b(?:(?:users?|someone|somebody|anyone|anybody|person|people|members?|customers?)\b.*?\b(?:signs?\s?up|signed\s?up|registers?|registered|joins?|joined|(?:is|gets) created|creates? an account|created an account)|new\s+(?:users?|sign\s?ups?|registrations?|members?|customers?)(?:\s+(?:signs?\s?up|registers?|joins?|(?:is|gets) created))?|sign\s?ups?\b|registrations?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex UserRegisteredPhrase();

    [GeneratedRegex(@"\b(?:deploy(?:ment)?s?\b.*?\b(?:fails?|failed|breaks?|broke|errors?(?: out)?|goes wrong|went wrong|crash(?:es|ed)?)|(?:fails?|failed) to deploy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeployFailedPhrase();

    [GeneratedRegex(@"\b(?:roll(?:s|ed)?\s?back|rollbacks?|reverted|is reverted|gets reverted)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RolledBackPhrase();

    [GeneratedRegex(@"\b(?:needs?|awaits?|awaiting|waiting for|requires?|wants?)\s+(?:my\s+|an?\s+)?approval\b|\bapproval is (?:needed|required)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AwaitingApprovalPhrase();

    [GeneratedRegex(@"\b(?:invocations?|invokes?|calls?\s+to|requests?)\b.*?\b(?:fails?|failed|errors?|throws?|threw)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InvocationFailedPhrase();

    [GeneratedRegex(@"\b(?:runs?|modifications?|changes?|generations?|builds?)\b.*?\b(?:fails?|failed|errors?|crash(?:es|ed)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RunFailedPhrase();

    [GeneratedRegex(@"\b(?:(?:is|gets|was|are)\s+)?rejected\b", RegexOptions.IgnoreCase)]
    private static partial Regex RunRejectedPhrase();

    [GeneratedRegex(@"\b(?:runs?|modifications?|changes?)\b.*?\b(?:accepted|succeeds?|succeeded|completes?|completed|finish(?:es|ed)?|pass(?:es|ed)?)\b|\b(?:is|gets|was)\s+accepted\b", RegexOptions.IgnoreCase)]
    private static partial Regex RunAcceptedPhrase();

    [GeneratedRegex(@"\b(?:(?:is|gets|was|are|get)\s+deployed|deploy(?:ment)?s?\s+(?:succeeds?|succeeded|completes?|completed|finish(?:es|ed)?|is done|goes (?:out|live))|goes live|new deploy(?:ment)?s?|deployed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeployedPhrase();

    [GeneratedRegex(@"\b(?:new objects?(?:\s+(?:is|gets|are)\s+created)?|objects?\s+(?:is\s+|gets\s+|are\s+)?created|(?:is|gets)\s+created|creates?\s+an?\s+(?:new\s+)?object)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ObjectCreatedPhrase();

    [GeneratedRegex(@"\b(?:new versions?(?:\s+(?:is|gets)\s+added)?|versions?\s+(?:is\s+|gets\s+)?added|(?:is|gets|was)\s+(?:modified|changed|updated)|gets? a new version|changes)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VersionAddedPhrase();

    [GeneratedRegex(@"\b(?:fails?|failed|breaks?|broke|errors?|crash(?:es|ed)?|goes down|went down|has (?:a |an )?(?:problem|failure|error))\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnyFailurePhrase();
}
