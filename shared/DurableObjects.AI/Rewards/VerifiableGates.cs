namespace DurableObjects.AI.Rewards;

/// <summary>Runs verifiable gates in order (compile before policy before tests).</summary>
public static class VerifiableGates
{
    /// <summary>
    /// Runs each gate in order. With <paramref name="stopOnFirstFailure"/> (the default) later gates are not run once
    /// one fails — tests cannot run without a compiled assembly — and only the gates that ran are returned; the failed
    /// gate alone already rejects the candidate.
    /// </summary>
    public static async Task<IReadOnlyList<GateResult>> RunAsync(
        IEnumerable<IVerifiableGate> gates, GateContext context, bool stopOnFirstFailure = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<GateResult>();
        foreach (var gate in gates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await gate.CheckAsync(context, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (!result.Passed && stopOnFirstFailure)
            {
                break;
            }
        }

        return results;
    }
}
