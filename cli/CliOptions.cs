using System.CommandLine;

namespace DurableObjects.Cli;

/// <summary>Options every command takes.</summary>
public static class CliOptions
{
    /// <summary>Print the server's JSON instead of tables (and no progress), for scripts and <c>jq</c>.</summary>
    public static readonly Option<bool> Json = new("--json") { Description = "Print the server's JSON instead of tables (no progress output)", Recursive = true };
}
