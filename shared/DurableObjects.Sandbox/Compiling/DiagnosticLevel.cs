namespace DurableObjects.Sandbox.Compiling;

/// <summary>How serious a <see cref="CompilerDiagnostic"/> is. Only errors fail a compilation.</summary>
public enum DiagnosticLevel
{
    Info,
    Warning,
    Error,
}
