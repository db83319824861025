using Spectre.Console;

namespace DurableObjects.Cli;

/// <summary>
/// Where the CLI writes: results to <see cref="Out"/>, problems and progress notes to <see cref="Error"/>. Tables
/// and spinners go through <see cref="Ansi"/>, which only animates and colours on a terminal, so piped output and
/// tests get plain, unwrapped text.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool isTerminal)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!isTerminal)
        {
            // A pipe has no width; wide enough that tables are not wrapped mid-cell for grep and awk.
            Ansi.Profile.Width = 200;
        }
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }

    /// <summary>Whether standard output is an interactive terminal: only then are there spinners, colours and prompts.</summary>
    public bool IsTerminal { get; }

    public IAnsiConsole Ansi { get; }

    public static CliConsole FromSystem() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb");
}
