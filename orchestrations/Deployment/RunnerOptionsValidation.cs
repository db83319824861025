using DurableObjects.Sandbox.Runners;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// Validates <see cref="RunnerOptions"/> at host start-up (registered with <c>ValidateOnStart</c>), so a host configured
/// with a runner mode it cannot run — or with impossible limits — refuses to start with the reason, instead of failing
/// at the first deploy.
/// </summary>
internal sealed class RunnerOptionsValidation : IValidateOptions<RunnerOptions>
{
    public ValidateOptionsResult Validate(string? name, RunnerOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
