using DurableObjects.Sandbox.Compiling;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// What a runner needs to serve an object version: the compiled assembly (which must have passed
/// <see cref="ObjectCompiler"/>'s checks; the runner does not re-check) and which classes are its API and tests.
/// </summary>
public sealed record RunnerDeployment(RunnerKey Key, byte[] Assembly, string ApiClass, string? TestClass)
{
    /// <summary>Builds a deployment from a successful compilation.</summary>
    public static RunnerDeployment From(string objectName, CompilationResult compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (!compilation.Success || compilation.Assembly is null || compilation.Api is null)
        {
            throw new ArgumentException("Only a successful compilation can be deployed.", nameof(compilation));
        }

        return new RunnerDeployment(new RunnerKey(objectName, compilation.ContentHash), compilation.Assembly,
            compilation.Api.ClassName, compilation.Api.TestClass);
    }
}
