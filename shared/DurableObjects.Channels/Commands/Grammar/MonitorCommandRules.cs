using System.Text.RegularExpressions;
using DurableObjects.Channels.Notifications;

namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>Grammar rule for "(text|call|email|slack|notify) me when|if &lt;event&gt; [conditions]".</summary>
public static partial class MonitorCommandRules
{
    /// <summary>Matches a monitor request; null when the text is not one.</summary>
    public static GrammarMatch? Match(IReadOnlyList<Token> tokens)
    {
        var text = string.Join(' ', tokens.Select(t => t.Text));
        var match = MonitorPhrase().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var channel = ChannelOf(match.Groups["verb"].Value.ToLowerInvariant(), match.Groups["via"].Value.ToLowerInvariant());
        var description = match.Groups["event"].Value.Trim().TrimEnd('.', '!', '?', ',').Trim();
        if (description.Length == 0)
        {
            return GrammarMatch.Incomplete(CommandIntents.Monitor, "Which event should I watch?");
        }

        var resolved = EventPhrases.Resolve(description);
        if (resolved is null)
        {
            return GrammarMatch.Incomplete(
                CommandIntents.Monitor,
                "I don't know that event. I can watch: users signing up, objects created, new versions, runs failing or accepted, deploys and failed deploys, rollbacks, failures of an object.");
        }

        var (eventType, subject, conditions) = resolved.Value;
        return GrammarMatch.Of(new CreateMonitorCommand(channel, description, eventType, subject, conditions));
    }

    private static NotificationChannel? ChannelOf(string verb, string via)
    {
        var word = via.Length > 0 ? via : verb;
        return word switch
        {
            "text" or "txt" or "sms" or "message" or "a text" or "an sms" or "a message" or "texts" => NotificationChannel.Sms,
            "call" or "phone" or "ring" or "a call" => NotificationChannel.Voice,
            "email" or "e-mail" or "mail" or "an email" or "an e-mail" => NotificationChannel.Email,
            "slack" or "a slack message" or "a slack" => NotificationChannel.Slack,
            _ => word.Contains("slack", StringComparison.Ordinal) ? NotificationChannel.Slack : null,
        };
    }

    [GeneratedRegex(
        @"^(?:(?<verb>text|txt|sms|message|call|phone|ring|email|e-mail|mail|slack|notify|alert|ping|page|tell|warn)\s+me|send\s+me\s+(?<verb>a text|an sms|a message|an email|an e-mail|a slack message|a slack|a call|texts|email|a notification|an alert)|give\s+me\s+(?<verb>a call|a ring)|let\s+me\s+know)(?:\s+(?:on|by|via|over|with|in)\s+(?<via>slack|sms|text|email|e-mail|phone|call))?,?\s+(?:when|if|whenever|once|as soon as|every time|each time|anytime|any time)\s+(?<event>.*)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex MonitorPhrase();
}
