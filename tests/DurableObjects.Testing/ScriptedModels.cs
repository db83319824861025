using DurableObjects.AI.Configuration;
using Microsoft.Extensions.AI;

namespace DurableObjects.Testing.Fakes;

/// <summary>An <see cref="IChatClientFactory"/> with one scripted client per role; shared across host restarts to count calls.</summary>
public sealed class ScriptedModels : IChatClientFactory
{
    public ScriptedChatClient Planner { get; } = new("planner-model");
    public ScriptedChatClient Generator { get; } = new("generator-model");
    public ScriptedChatClient Judge { get; } = new("judge-model");

    /// <summary>Every model call so far, all roles.</summary>
    public int Calls => Planner.Requests.Count + Generator.Requests.Count + Judge.Requests.Count;

    public string? GetConfigurationProblem(ModelRole role) => null;

    public IChatClient GetClient(ModelRole role) => role switch
    {
        ModelRole.Planner => Planner,
        ModelRole.Generator => Generator,
        _ => Judge,
    };

    public ModelCallSettings GetCallSettings(ModelRole role) => new() { Model = role + "-model", MaxReasks = 0 };
}
