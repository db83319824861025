namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>Grammar rules for list objects, count objects, list users, approve, reject, repo info, issues and help.</summary>
public static class QueryCommandRules
{
    private static readonly HashSet<string> ListVerbs = ["list", "show", "display", "get", "see", "view"];
    private static readonly HashSet<string> ListFillers = ["me", "all", "the", "my", "of", "our", "available", "current", "durable", "registered", "existing", "your"];
    private static readonly HashSet<string> ObjectNouns = ["objects", "object"];
    private static readonly HashSet<string> UserNouns = ["users", "user", "people", "accounts", "members"];
    private static readonly HashSet<string> Tail = ["are", "there", "do", "i", "we", "have", "exist", "is", "in", "system", "the", "you"];
    private static readonly HashSet<string> RunWords = ["the", "run", "modification", "change", "request", "number", "id"];
    private static readonly HashSet<string> HelpWords = ["help", "commands", "menu", "usage", "options", "?"];
    private static readonly HashSet<string> HelpQuestions =
        ["what can i do", "what can you do", "how does this work", "what are the commands", "what commands are there", "what can i say"];

    /// <summary>Matches the query, approval and help commands; null when none applies.</summary>
    public static GrammarMatch? Match(IReadOnlyList<Token> tokens)
    {
        return Help(tokens) ?? GitHub(tokens) ?? Count(new TokenCursor(tokens)) ?? List(new TokenCursor(tokens)) ?? Approval(new TokenCursor(tokens));
    }

    private static readonly HashSet<string> RepoWords = ["repo", "repository", "github"];
    private static readonly HashSet<string> RepoFillers = ["info", "information", "status", "details", "about", "the", "our", "show", "me", "get", "what", "is", "s", "tell"];
    private static readonly HashSet<string> IssueFillers = ["list", "show", "me", "the", "open", "github", "our", "get", "what", "are", "any", "latest", "recent", "repo", "repository", "there"];

    /// <summary>"repo info", "github repository status"; "issues", "list open issues", "show me the github issues".</summary>
    private static GrammarMatch? GitHub(IReadOnlyList<Token> tokens)
    {
        var keys = tokens.Select(t => t.Key).ToList();
        if (keys.Contains("issues") || keys.Contains("issue"))
        {
            return keys.All(k => k is "issues" or "issue" || IssueFillers.Contains(k)) ? GrammarMatch.Of(new ListIssuesCommand()) : null;
        }
        return keys.Any(RepoWords.Contains) && keys.All(k => RepoWords.Contains(k) || RepoFillers.Contains(k))
            ? GrammarMatch.Of(new RepoInfoCommand())
            : null;
    }

    private static GrammarMatch? Help(IReadOnlyList<Token> tokens)
    {
        var keys = tokens.Select(t => t.Key).ToList();
        if (HelpQuestions.Contains(string.Join(' ', keys)))
        {
            return GrammarMatch.Of(new HelpCommand());
        }

        if (keys.Count >= 1 && HelpWords.Contains(keys[0]))
        {
            var rest = keys.Skip(1).Where(k => k is not ("me" or "with" or "on" or "about" or "for")).ToList();
            return rest.Count switch
            {
                0 => GrammarMatch.Of(new HelpCommand()),
                1 => GrammarMatch.Of(new HelpCommand(rest[0])),
                _ => null,
            };
        }

        return null;
    }

    private static GrammarMatch? Count(TokenCursor cursor)
    {
        if (!(cursor.Accept("count") || cursor.Accept("how", "many") || cursor.Accept("number", "of") || cursor.Accept("total", "number", "of")))
        {
            return null;
        }

        cursor.SkipAny(ListFillers);
        if (!ObjectNouns.Contains(cursor.Peek()))
        {
            return cursor.AtEnd ? GrammarMatch.Of(new CountObjectsCommand()) : null;
        }

        cursor.Accept(cursor.Peek());
        cursor.SkipAny(Tail);
        return cursor.AtEnd ? GrammarMatch.Of(new CountObjectsCommand()) : null;
    }

    private static GrammarMatch? List(TokenCursor cursor)
    {
        var listed = ListVerbs.Contains(cursor.Peek()) && cursor.Accept(cursor.Peek());
        var which = !listed && (cursor.Accept("what") || cursor.Accept("which") || cursor.Accept("who"));
        if (!listed && !which)
        {
            return null;
        }

        if (listed && cursor.AtEnd && cursor.Position == 1 && cursor.Peek(-1) == "list")
        {
            return GrammarMatch.Of(new ListObjectsCommand());
        }

        cursor.SkipAny(ListFillers);
        var noun = cursor.Peek();
        if (!ObjectNouns.Contains(noun) && !UserNouns.Contains(noun))
        {
            return null;
        }

        cursor.Accept(noun);
        cursor.SkipAny(Tail);
        if (!cursor.AtEnd)
        {
            return null;
        }

        return ObjectNouns.Contains(noun) ? GrammarMatch.Of(new ListObjectsCommand()) : GrammarMatch.Of(new ListUsersCommand());
    }

    private static GrammarMatch? Approval(TokenCursor cursor)
    {
        var approve = cursor.Accept("approve");
        if (!approve && !cursor.Accept("reject") && !cursor.Accept("decline") && !cursor.Accept("deny"))
        {
            return null;
        }

        var intent = approve ? CommandIntents.Approve : CommandIntents.Reject;
        cursor.SkipAny(RunWords);
        var runId = cursor.TakeIdentifier();
        if (runId is null)
        {
            return GrammarMatch.Incomplete(intent, "Which run? Give its id.");
        }

        if (approve)
        {
            return cursor.AtEnd ? GrammarMatch.Of(new ApproveRunCommand(runId)) : GrammarMatch.Incomplete(intent, "I didn't get the run id.");
        }

        cursor.SkipAny(["because", "since", "reason", "-", ":", "as"]);
        return GrammarMatch.Of(new RejectRunCommand(runId, cursor.TakeRest()));
    }
}
