using System.Text;
using System.Text.Json;
using DurableObjects.AI.Prompting;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;

namespace DurableObjects.AI.Pipeline;

/// <summary>Builds planner and generator conversations with untrusted material in <see cref="DataBlocks"/>.</summary>
internal sealed class StepMessages
{
    private readonly DataBlocks _blocks;
    private readonly StringBuilder _user = new();

    private StepMessages(IEnumerable<string?> untrusted) => _blocks = DataBlocks.For(untrusted);

    public static StepMessages For(IEnumerable<string?> untrusted) => new(untrusted);

    public static IEnumerable<string?> Texts(IEnumerable<SourceFile> files) => files.Select(f => f.Path + f.Content);

    public StepMessages Text(string heading, string label, string? content)
    {
        _user.Append(heading).Append(":\n").Append(_blocks.Block(label, content)).Append('\n');
        return this;
    }

    public StepMessages Files(string heading, string label, IEnumerable<SourceFile> files)
    {
        _user.Append(heading).Append(":\n").Append(_blocks.Files(label, files)).Append('\n');
        return this;
    }

    public StepMessages Json<T>(string heading, string label, T value) =>
        Text(heading, label, JsonSerializer.Serialize(value, StructuredJson.Options));

    public List<ChatMessage> Build(string task) =>
    [
        new ChatMessage(ChatRole.System, string.Join("\n\n", task, PipelinePrompts.Environment,
            PipelinePrompts.DataRule(_blocks.Boundary))),
        new ChatMessage(ChatRole.User, _user.Append("Answer with the JSON object only.").ToString()),
    ];
}
