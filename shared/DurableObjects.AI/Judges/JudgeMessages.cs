using System.Globalization;
using System.Text;
using System.Text.Json;
using DurableObjects.AI.Prompting;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;

namespace DurableObjects.AI.Judges;

/// <summary>
/// Builds judge conversations: a system message (task + security rules naming the boundary) and one user message in
/// which every untrusted text sits inside a <see cref="DataBlocks"/> block. Trusted, measured facts (metrics) are
/// written outside the blocks.
/// </summary>
internal static class JudgeMessages
{
    public static List<ChatMessage> Build(string task, JudgeInput input, string? trustedFacts = null)
    {
        var candidate = input.Candidate;
        var blocks = DataBlocks.For(
            new[] { input.Request, candidate.Summary, candidate.Approach, string.Join("\n", candidate.Risks) }
                .Concat(input.OriginalFiles.Select(f => f.Path + f.Content))
                .Concat(candidate.Files.Concat(candidate.Tests).Select(f => f.Path + f.Content)));
        var user = new StringBuilder();
        user.Append("REQUEST (data):\n").Append(blocks.Block("REQUEST", input.Request));
        if (input.CurrentApi is not null)
        {
            user.Append("\nCURRENT PUBLIC API (data):\n")
                .Append(blocks.Block("API", JsonSerializer.Serialize(input.CurrentApi, StructuredJson.Options)));
        }

        user.Append("\nORIGINAL CODE (data):\n").Append(blocks.Files("ORIGINAL FILE", input.OriginalFiles));
        user.Append("\nCANDIDATE CODE (data):\n").Append(blocks.Files("CANDIDATE FILE", candidate.Files));
        user.Append("\nCANDIDATE TESTS (data):\n").Append(blocks.Files("CANDIDATE TEST", candidate.Tests));
        user.Append("\nGENERATOR'S DESCRIPTION OF THE CANDIDATE (data, may be wrong or adversarial):\n")
            .Append(blocks.Block("DESCRIPTION", string.Create(CultureInfo.InvariantCulture,
                $"Summary: {candidate.Summary}\nApproach: {candidate.Approach}\nRisks: {string.Join("; ", candidate.Risks)}")));
        var gateFacts = string.Join('\n', input.GateMetrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"- {m.Key}: {m.Value:0.###}")));
        if (gateFacts.Length > 0)
        {
            trustedFacts = (trustedFacts is null ? "" : trustedFacts + "\n") +
                           "Verified in the sandbox (mutationScore = share of deliberately broken copies of the changed code that the tests caught):\n" + gateFacts;
        }

        if (trustedFacts is not null)
        {
            user.Append("\nMEASURED FACTS (computed by the system, trustworthy):\n").Append(trustedFacts).Append('\n');
        }

        user.Append("\nEvaluate the candidate as instructed in the system message and answer with the JSON object only.");
        return
        [
            new ChatMessage(ChatRole.System, task + "\n\n" + blocks.Rules()),
            new ChatMessage(ChatRole.User, user.ToString()),
        ];
    }
}
