using System.ComponentModel;

namespace DurableObjects.AI.Schemas;

/// <summary>
/// One C# source file: a relative path and its content. A list of these is used instead of a path→content map
/// because strict JSON-schema structured output cannot express open maps.
/// </summary>
public sealed record SourceFile
{
    /// <summary>Relative path ending in <c>.cs</c>, e.g. <c>Counter.cs</c> or <c>Tests/CounterTests.cs</c>.</summary>
    [Description("Relative path with forward slashes, ending in .cs, e.g. Counter.cs")]
    public required string Path { get; init; }

    /// <summary>The complete file content.</summary>
    [Description("The complete content of the file")]
    public required string Content { get; init; }

    /// <summary>Creates a file.</summary>
    public static SourceFile Of(string path, string content) => new() { Path = path, Content = content };
}
