using System.Text.Json;
using System.Text.RegularExpressions;
using DurableObjects.AI.Configuration;
using DurableObjects.Testing.Fakes;
using Microsoft.Extensions.AI;

namespace DurableObjects.Benchmarks.Pipeline;

/// <summary>
/// An instant "model": the planner, generator and judge answer at once, so what is measured is the pipeline itself
/// (journal, gates with a real compile and a real runner, commit, deploy). The generator returns the object's code
/// with a new revision number, so every candidate compiles for real (no artifact-cache hit).
/// </summary>
public sealed partial class InstantModels : IChatClientFactory, IDisposable
{
    private const string PlanJson = """
        {"summary":"Add a revision.","steps":["Bump the revision"],"filesToChange":["Ledger.cs"],"checksNeeded":["Preference"],"apiChanges":[],"breakingChanges":[]}
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly ScriptedChatClient _planner = new("instant-planner");
    private readonly ScriptedChatClient _generator = new("instant-generator");
    private readonly ScriptedChatClient _judge = new("instant-judge");
    private int _revision = 1;

    public InstantModels()
    {
        _planner.Fallback = _ => _planner.Response(PlanJson);
        _generator.Fallback = request =>
        {
            var id = LedgerId().Match(request.AllText) is { Success: true } m ? m.Groups[1].Value : "ledger";
            var revision = Interlocked.Increment(ref _revision);
            return _generator.Response(JsonSerializer.Serialize(new
            {
                files = new[] { new { path = "Ledger.cs", content = LedgerSource.Code(id, revision) } },
                summary = $"Revision {revision}.",
                approach = "Bumped the revision.",
                risks = Array.Empty<string>(),
                tests = new[] { new { path = "Tests/LedgerTests.cs", content = LedgerSource.Tests() } },
            }, Web));
        };
        _judge.Fallback = _ => _judge.Response(JsonSerializer.Serialize(new
        {
            readability = 0.9, maintainability = 0.9, elegance = 0.9, documentation = 0.9, overallScore = 0.9,
            rationale = "fine", issues = Array.Empty<string>(), recommendations = Array.Empty<string>(),
        }, Web));
    }

    public void Dispose()
    {
        _planner.Dispose();
        _generator.Dispose();
        _judge.Dispose();
    }

    public string? GetConfigurationProblem(ModelRole role) => null;

    public IChatClient GetClient(ModelRole role) => role switch
    {
        ModelRole.Planner => _planner,
        ModelRole.Generator => _generator,
        _ => _judge,
    };

    public ModelCallSettings GetCallSettings(ModelRole role) => new() { Model = "instant", MaxReasks = 0 };

    [GeneratedRegex("Id\\(\\) => \\\\?\"(ledger[A-Za-z0-9_-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex LedgerId();
}
