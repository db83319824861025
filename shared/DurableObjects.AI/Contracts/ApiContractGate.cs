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

    /// <summary>The name of the planned-API gate of a creation run.</summary>
    public const string PlannedApiName = "planned-api";

    /// <summary>Every breaking change from <paramref name="current"/> to <paramref name="candidate"/>.</summary>
    public static IReadOnlyList<BreakingChange> Compare(
        ApiSchema current, ApiSchema candidate, IEnumerable<BreakingChangeDeclaration>? declared = null) =>
        Compare(current, candidate, declared, lenientTypes: false);

    /// <summary>
    /// Creation runs: checks that the API extracted from the generated code provides the planned API (every planned
    /// method and parameter, compatible types). The plan comes from a model and may name C# types or object types,
    /// so types are compared only when both sides are JSON-friendly primitives; extra methods are fine.
    /// </summary>
    public static GateResult CheckPlannedApi(ApiSchema planned, ApiSchema actual)
    {
        var missing = Compare(planned, actual, null, lenientTypes: true);
        var diagnostics = missing.Select(c => $"{c.Kind}: {c.Description}").ToList();
        return missing.Count == 0
            ? GateResult.Pass(PlannedApiName, "the planned API is implemented")
            : GateResult.Fail(PlannedApiName, $"{missing.Count} difference(s) from the planned API; implement the planned methods and parameters", diagnostics);
    }

    private static List<BreakingChange> Compare(
        ApiSchema current, ApiSchema candidate, IEnumerable<BreakingChangeDeclaration>? declared, bool lenientTypes)
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

            changes.AddRange(ParameterChanges(old, now, lenientTypes).Select(c => c with { Declared = isDeclared }));
            if (!SameType(old.ReturnType, now.ReturnType, lenientTypes))
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

    private static IEnumerable<BreakingChange> ParameterChanges(ApiMethod old, ApiMethod now, bool lenientTypes)
    {
        foreach (var parameter in old.Parameters)
        {
            var match = now.Parameters.FirstOrDefault(p => Same(p.Name, parameter.Name));
            if (match is null)
            {
                yield return new(BreakingChangeKind.ParameterRemoved, old.Name, $"{old.Name}: parameter '{parameter.Name}' was removed or renamed", false);
            }
            else if (!SameType(parameter.Type, match.Type, lenientTypes))
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

    private static bool SameType(string a, string b, bool lenient)
    {
        var (left, right) = (ApiTypeNames.Normalize(a), ApiTypeNames.Normalize(b));
        if (lenient)
        {
            // A plan rarely states nullability the way the compiler reports it.
            (left, right) = (left.Replace("?", string.Empty, StringComparison.Ordinal), right.Replace("?", string.Empty, StringComparison.Ordinal));
        }

        return string.Equals(left, right, StringComparison.Ordinal)
            || (lenient && !(ApiTypeNames.IsWellKnown(left) && ApiTypeNames.IsWellKnown(right)));
    }
}
