namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>Grammar rules for commands on one object: create, modify, deploy, rollback, info.</summary>
public static class ObjectCommandRules
{
    private static readonly HashSet<string> CreateVerbs = ["create", "make", "build", "generate", "new"];
    private static readonly HashSet<string> ModifyVerbs = ["modify", "change", "update", "edit", "alter", "tweak", "extend", "improve"];
    private static readonly HashSet<string> DeployVerbs = ["deploy", "ship", "release", "publish"];
    private static readonly HashSet<string> RollbackVerbs = ["rollback", "revert", "roll-back"];
    private static readonly HashSet<string> InfoVerbs = ["info", "status", "describe", "details", "inspect", "show", "get"];
    private static readonly HashSet<string> Articles = ["a", "an", "the", "my", "our", "this"];
    private static readonly HashSet<string> ObjectWords = ["object", "durable", "called", "named", "new", "me"];
    private static readonly HashSet<string> CreateConnectors = ["that", "which", "with", "description", "-", "—", ":", "to", "for"];
    private static readonly HashSet<string> ModifyConnectors = ["object", "so", "that", "to", "by", "and", "-", "—", ":"];
    private static readonly HashSet<string> EnvironmentWords = ["environment", "env", "server", "servers", "cluster"];
    private static readonly HashSet<string> InfoFillers = ["of", "on", "for", "about", "me", "info", "information", "details", "status", "the", "object", "a"];

    /// <summary>Matches create/modify/deploy/rollback/info; null when the first word is none of them.</summary>
    public static GrammarMatch? Match(IReadOnlyList<Token> tokens)
    {
        var cursor = new TokenCursor(tokens);
        var verb = cursor.Peek();
        if (CreateVerbs.Contains(verb))
        {
            cursor.Accept(verb);
            return Create(cursor);
        }

        if (ModifyVerbs.Contains(verb))
        {
            cursor.Accept(verb);
            return Modify(cursor);
        }

        if (DeployVerbs.Contains(verb))
        {
            cursor.Accept(verb);
            return Deploy(cursor);
        }

        if (RollbackVerbs.Contains(verb) || cursor.Accept("roll", "back"))
        {
            cursor.Accept(verb);
            return Rollback(cursor);
        }

        if (InfoVerbs.Contains(verb) || cursor.Accept("tell", "me", "about") || cursor.Accept("what's") || cursor.Accept("what", "is")
            || cursor.Accept("whats") || cursor.Accept("how", "is"))
        {
            if (InfoVerbs.Contains(verb))
            {
                cursor.Accept(verb);
            }

            return Info(cursor);
        }

        return AddToObject(tokens);
    }

    private static GrammarMatch Create(TokenCursor cursor)
    {
        SkipArticlesAndObjectWords(cursor);
        var name = cursor.TakeName();
        if (name is null)
        {
            return GrammarMatch.Incomplete(CommandIntents.Create, "Which name should the new object have?");
        }

        cursor.SkipAny(CreateConnectors);
        var description = cursor.TakeRest();
        return description is null
            ? GrammarMatch.Incomplete(CommandIntents.Create, $"What should {name} do?")
            : GrammarMatch.Of(new CreateObjectCommand(name, description));
    }

    private static GrammarMatch Modify(TokenCursor cursor)
    {
        SkipArticlesAndObjectWords(cursor);
        var name = cursor.TakeName();
        if (name is null)
        {
            return GrammarMatch.Incomplete(CommandIntents.Modify, "Which object should change?");
        }

        cursor.SkipAny(ModifyConnectors);
        var change = cursor.TakeRest();
        return change is null
            ? GrammarMatch.Incomplete(CommandIntents.Modify, $"What should change in {name}?")
            : GrammarMatch.Of(new ModifyObjectCommand(name, change));
    }

    // "add a square root to Calculator" → modify Calculator "add a square root".
    private static GrammarMatch? AddToObject(IReadOnlyList<Token> tokens)
    {
        if (tokens.Count < 4 || tokens[0].Key != "add")
        {
            return null;
        }

        var last = tokens.Count - 1;
        if (tokens[last].Key == "object")
        {
            last--;
        }

        var toIndex = last - 1;
        while (toIndex > 1 && Articles.Contains(tokens[toIndex].Key))
        {
            toIndex--;
        }

        var name = tokens[last].Bare.TrimEnd('.');
        if (tokens[toIndex].Key != "to" || !NameRules.IsValid(name))
        {
            return null;
        }

        var change = new TokenCursor(tokens.Take(toIndex).ToList()).TakeRest();
        return change is null ? null : GrammarMatch.Of(new ModifyObjectCommand(name, change));
    }

    private static GrammarMatch Deploy(TokenCursor cursor)
    {
        SkipArticlesAndObjectWords(cursor);
        var name = cursor.TakeName();
        if (name is null)
        {
            return GrammarMatch.Incomplete(CommandIntents.Deploy, "Which object should be deployed?");
        }

        cursor.SkipAny(["object"]);
        if (cursor.AtEnd)
        {
            return GrammarMatch.Of(new DeployObjectCommand(name));
        }

        if (!(cursor.Accept("to") || cursor.Accept("into") || cursor.Accept("in") || cursor.Accept("on") || cursor.Accept("onto")))
        {
            return GrammarMatch.Incomplete(CommandIntents.Deploy, $"I didn't get where to deploy {name}.");
        }

        cursor.SkipAny(Articles);
        var environment = cursor.TakeIdentifier();
        cursor.SkipAny(EnvironmentWords);
        if (environment is null || !cursor.AtEnd)
        {
            return GrammarMatch.Incomplete(CommandIntents.Deploy, "The environment should be one word, like staging or production.");
        }

        return GrammarMatch.Of(new DeployObjectCommand(name, NormalizeEnvironment(environment)));
    }

    private static GrammarMatch Rollback(TokenCursor cursor)
    {
        SkipArticlesAndObjectWords(cursor);
        var name = cursor.TakeName();
        if (name is null)
        {
            return GrammarMatch.Incomplete(CommandIntents.Rollback, "Which object should be rolled back?");
        }

        cursor.SkipAny(["object"]);
        if (cursor.AtEnd)
        {
            return GrammarMatch.Of(new RollbackObjectCommand(name));
        }

        cursor.SkipAny(["to", "the", "back"]);
        if (cursor.Accept("previous") || cursor.Accept("last") || cursor.Accept("prior"))
        {
            cursor.SkipAny(["version", "one", "release"]);
            return cursor.AtEnd
                ? GrammarMatch.Of(new RollbackObjectCommand(name))
                : GrammarMatch.Incomplete(CommandIntents.Rollback, "I didn't get the version.");
        }

        cursor.SkipAny(["version", "ver", "v", "release", "number", "no"]);
        var version = NumberWords.Parse(cursor.Peek());
        cursor.Accept(cursor.Peek());
        cursor.SkipAny(["version", "one", "release"]);
        return version is > 0 && cursor.AtEnd
            ? GrammarMatch.Of(new RollbackObjectCommand(name, version))
            : GrammarMatch.Incomplete(CommandIntents.Rollback, "I didn't get the version (say \"to version 3\" or \"to v3\").");
    }

    private static GrammarMatch Info(TokenCursor cursor)
    {
        cursor.SkipAny(InfoFillers);
        var name = cursor.TakeName();
        cursor.SkipAny(["object", "doing", "now", "right"]);
        if (name is null || !cursor.AtEnd)
        {
            return GrammarMatch.Incomplete(CommandIntents.Info, "Which object do you want to know about?");
        }

        return GrammarMatch.Of(new ObjectInfoCommand(name));
    }

    private static void SkipArticlesAndObjectWords(TokenCursor cursor)
    {
        while (!cursor.AtEnd && (Articles.Contains(cursor.Peek()) || ObjectWords.Contains(cursor.Peek())))
        {
            cursor.Accept(cursor.Peek());
        }
    }

    private static string NormalizeEnvironment(string environment) => environment.ToLowerInvariant() switch
    {
        "prod" or "live" => "production",
        "stage" or "stg" => "staging",
        "dev" => "development",
        var e => e,
    };
}
