namespace DurableObjects.Sandbox.Testing;

/// <summary>
/// An object's test class as written: its name, each test method's text without comments or layout (so a change in
/// meaning is a change here, a reformat is not), and, per test, the names it refers to (through the class's own
/// helpers too) — what the test exercises.
/// </summary>
public sealed record TestClassShape(
    string ClassName,
    IReadOnlyDictionary<string, string> Tests,
    IReadOnlyDictionary<string, IReadOnlySet<string>> References);
