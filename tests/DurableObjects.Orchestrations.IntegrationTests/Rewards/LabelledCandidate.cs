namespace DurableObjects.Orchestrations.IntegrationTests.Rewards;

/// <summary>
/// One hand-labelled edit of the calculator (version 1: <c>Add</c> and the kept test <c>AddsNumbers</c>): its code and
/// tests, whether the reward model should accept it, and for a bad one the gate that should reject it.
/// </summary>
public sealed record LabelledCandidate(string Label, string Code, string Tests, bool Good, string? RejectingGate = null)
{
    public override string ToString() => Label;
}
