using System.CommandLine;

namespace DurableObjects.Cli.Commands;

/// <summary>A folder argument that refuses option-like values, so a mistyped option is a usage error, not a folder named "--forse".</summary>
public static class FolderArgument
{
    public static Argument<string> Create(string description, string? defaultValue)
    {
        var argument = new Argument<string>("dir") { Description = description };
        if (defaultValue is not null)
        {
            argument.DefaultValueFactory = _ => defaultValue;
        }
        else
        {
            argument.Arity = ArgumentArity.ZeroOrOne;
        }
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[0].Value is { } value && value.StartsWith('-'))
            {
                result.AddError($"Unknown option '{value}'.");
            }
        });
        return argument;
    }
}
