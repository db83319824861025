using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Contracts;

/// <summary>
/// The API-contract gate: compares the current API with the candidate's and lists breaking changes. Breaks the plan
/// declared (by method name) are allowed; any other break fails the gate. Additions never break. Pure and
/// deterministic: the inputs are extracted by the compiler from code, not taken from a model.
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
        var allowed = new HashSet<string>((declared ?? []).Select(d => d.Method), StringComparer.Ordinal);
        var changes = new List<BreakingChange>();
        if (!string.Equals(current.ClassName, candidate.ClassName, StringComparison.Ordinal))
        {
            changes.Add(new(BreakingChangeKind.ClassRenamed, current.ClassName,
                $"class {current.ClassName} became {candidate.ClassName}", allowed.Contains(current.ClassName)));
        }

        var newByName = candidate.Methods.ToLookup(m => m.Name, StringComparer.Ordinal);
        foreach (var old in current.Methods)
        {
            var isDeclared = allowed.Contains(old.Name);
            var sameName = newByName[old.Name].ToList();
            if (sameName.Count == 0)
            {
                changes.Add(new(BreakingChangeKind.MethodRemoved, old.Name, $"{old.Signature()} was removed", isDeclared));
                continue;
            }

            var match = sameName.FirstOrDefault(m => m.Signature() == old.Signature());
            if (match is null)
            {
                var now = string.Join(", ", sameName.Select(m => m.Signature()));
                changes.Add(new(BreakingChangeKind.ParametersChanged, old.Name, $"{old.Signature()} is now {now}", isDeclared));
                continue;
            }

            if (ApiSchema.NormalizeType(match.ReturnType) != ApiSchema.NormalizeType(old.ReturnType))
            {
                changes.Add(new(BreakingChangeKind.ReturnTypeChanged, old.Name,
                    $"{old.Signature()} returned {old.ReturnType}, now {match.ReturnType}", isDeclared));
            }

            var renamed = old.Parameters.Zip(match.Parameters)
                .Where(p => !string.Equals(p.First.Name, p.Second.Name, StringComparison.Ordinal))
                .Select(p => $"{p.First.Name}→{p.Second.Name}")
                .ToList();
            if (renamed.Count > 0)
            {
                changes.Add(new(BreakingChangeKind.ParameterRenamed, old.Name,
                    $"{old.Signature()} renamed parameters {string.Join(", ", renamed)}", isDeclared));
            }
        }

        return changes;
    }

    /// <summary>Runs the comparison and turns it into a gate result; passes when every break was declared.</summary>
    public static GateResult Check(ApiSchema current, ApiSchema candidate, CodePlan? plan)
    {
        var changes = Compare(current, candidate, plan?.BreakingChanges);
        var undeclared = changes.Where(c => !c.Declared).ToList();
        var diagnostics = changes
            .Select(c => $"{(c.Declared ? "declared" : "undeclared")} {c.Kind}: {c.Description}")
            .ToList();
        return undeclared.Count == 0
            ? GateResult.Pass(Name, changes.Count == 0 ? "API contract kept" : $"{changes.Count} declared breaking change(s)", diagnostics)
            : GateResult.Fail(Name, $"{undeclared.Count} undeclared breaking change(s); keep the existing public API or declare the change in the plan", diagnostics);
    }
}
