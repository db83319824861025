namespace DurableObjects.Orchestrations.Deployment;

/// <summary>How a host serves invocations (section <c>DurableObjects:Serving</c>).</summary>
public sealed class ServingOptions
{
    public const string Section = "DurableObjects:Serving";

    /// <summary>
    /// The longest a host answers from its cached copy of an object's deployments (and public-invoke setting): a
    /// deploy, promote or rollback made on another host serves here at most this long after it was stored. The host
    /// that made the change serves it at once. The cache is refreshed ahead, in the background, at half this age.
    /// </summary>
    public TimeSpan DeploymentCacheBound { get; set; } = TimeSpan.FromSeconds(2);
}
