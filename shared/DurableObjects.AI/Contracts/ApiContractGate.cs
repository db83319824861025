using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Contracts;

/// <summary>
/// The API-contract gate: compares the current API with the candidate's, the way callers see it — methods invoked by
/// name and JSON arguments bound by parameter name, both case-insensitively — and lists breaking changes. Additions
/// (methods, optional parameters) and reordering never break. Breaks on methods the plan declared are allowed; any
/// other break fails the gate. Pure and deterministic: both schemas are extracted from compiled code by the caller,
/// never taken from a model.
/// </summary>
public static class ApiContractGate
{
    /// <summary>The gate's name in <see cref="GateResult"/>.</summary>
    public const string Name = "api-contract";

    /// <summary>Every breaking change from <paramref name="current"/> to <paramref name="candidate"/>.</summary>
    public static IReadOnlyList<BreakingChange> Compare(
        ApiSchema current, ApiSchema candidate, IEnumerable<BreakingChangeDeclaration>? declared = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidate);
        var allowed = new HashSet<string>((declared ?? []).Select(d => d.Method), StringComparer.OrdinalIgnoreCase);
        var changes = new List<BreakingChange>();
        foreach (var old in current.Methods)
        {
            var isDeclared = allowed.Contains(old.Name);
            var now = candidate.Methods.FirstOrDefault(m => Same(m.Name, old.Name));
            if (now is null)
            {
                changes.Add(new(BreakingChangeKind.MethodRemoved, old.Name, $"{old.Signature()} was removed", isDeclared));
                continue;
            }

            changes.AddRange(ParameterChanges(old, now).Select(c => c with { Declared = isDeclared }));
            if (!SameType(old.ReturnType, now.ReturnType))
            {
                changes.Add(new(BreakingChangeKind.ReturnTypeChanged, old.Name,
                    $"{old.Name} returned {old.ReturnType}, now {now.ReturnType}", isDeclared));
            }
        }

        return changes;
    }

    /// <summary>Runs the comparison and turns it into a gate result; passes when every break was declared.</summary>
    public static GateResult Check(ApiSchema current, ApiSchema candidate, CodePlan? plan)
    {
        var changes = Compare(current, candidate, plan?.BreakingChanges);
        var undeclared = changes.Count(c => !c.Declared);
        var diagnostics = changes
            .Select(c => $"{(c.Declared ? "declared" : "undeclared")} {c.Kind}: {c.Description}")
            .ToList();
        return undeclared == 0
            ? GateResult.Pass(Name, changes.Count == 0 ? "API contract kept" : $"{changes.Count} declared breaking change(s)", diagnostics)
            : GateResult.Fail(Name, $"{undeclared} undeclared breaking change(s); keep the existing public API or declare the change in the plan", diagnostics);
    }

    private static IEnumerable<BreakingChange> ParameterChanges(ApiMethod old, ApiMethod now)
    {
        foreach (var parameter in old.Parameters)
        {
            var match = now.Parameters.FirstOrDefault(p => Same(p.Name, parameter.Name));
            if (match is null)
            {
                yield return new(BreakingChangeKind.ParameterRemoved, old.Name, $"{old.Name}: parameter '{parameter.Name}' was removed or renamed", false);
            }
            else if (!SameType(parameter.Type, match.Type))
            {
                yield return new(BreakingChangeKind.ParameterTypeChanged, old.Name,
                    $"{old.Name}: parameter '{parameter.Name}' was {parameter.Type}, now {match.Type}", false);
            }
            else if (parameter.Optional && !match.Optional)
            {
                yield return new(BreakingChangeKind.RequiredParameterAdded, old.Name, $"{old.Name}: parameter '{parameter.Name}' became required", false);
            }
        }

        foreach (var added in now.Parameters.Where(p => !p.Optional && !old.Parameters.Any(o => Same(o.Name, p.Name))))
        {
            yield return new(BreakingChangeKind.RequiredParameterAdded, old.Name, $"{old.Name}: new required parameter '{added.Name}'", false);
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool SameType(string a, string b) => string.Equals(ApiSchema.NormalizeType(a), ApiSchema.NormalizeType(b), StringComparison.Ordinal);
}
