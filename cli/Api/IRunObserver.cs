namespace DurableObjects.Cli.Api;

/// <summary>Told about a followed run's progress: each completed step once, and each change of status or current step.</summary>
public interface IRunObserver
{
    Task OnStepAsync(RunStep step);

    Task OnStatusAsync(RunSummary run);
}
