using System.ComponentModel;
using DurableObjects.AI.Contracts;

namespace DurableObjects.AI.Schemas;

/// <summary>The planner's answer for creating an object from scratch: files, public API and approach.</summary>
[Description("A plan for creating a new C# durable object from requirements")]
public sealed record CreationPlan : IValidatable
{
    /// <summary>One-paragraph summary.</summary>
    public required string Summary { get; init; }

    /// <summary>The files to write.</summary>
    public required IReadOnlyList<PlannedFile> Files { get; init; }

    /// <summary>The public API the object will expose.</summary>
    public required ApiSchema Api { get; init; }

    /// <summary>How it will be implemented.</summary>
    public required string Approach { get; init; }

    /// <summary>Judges to route to; preference is always added by <see cref="RoutedChecks"/>.</summary>
    public required IReadOnlyList<CheckKind> ChecksNeeded { get; init; }

    /// <summary>The judges the reward model runs.</summary>
    public IReadOnlySet<CheckKind> RoutedChecks() => new HashSet<CheckKind>(ChecksNeeded ?? []) { CheckKind.Preference };

    /// <inheritdoc />
    public IEnumerable<string> Validate()
    {
        var errors = Rules.NotBlank(nameof(Summary), Summary)
            .Concat(Rules.NotBlank(nameof(Approach), Approach))
            .Concat(Rules.NotEmpty(nameof(Files), Files))
            .Concat((Files ?? []).Select(f => f is null ? "Files must not contain null items." : SourcePaths.Problem(f.Path))
                .OfType<string>().Select(p => $"Files: {p}."));
        return Api is null ? errors.Append("Api is required.") : errors.Concat(Api.Validate().Select(e => $"Api: {e}"));
    }
}
