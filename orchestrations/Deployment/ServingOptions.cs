namespace DurableObjects.Orchestrations.Deployment;

/// <summary>How a host serves invocations (section <c>DurableObjects:Serving</c>).</summary>
public sealed class ServingOptions
{
    public const string Section = "DurableObjects:Serving";

    /// <summary>
    /// The longest a host answers from its cached copy of an object's deployments (and public-invoke setting) while
    /// storage answers: a deploy, promote or rollback made on another host serves here at most this long after it was
    /// stored. The host that made the change serves it at once. The cache is refreshed ahead, in the background, at half
    /// this age.
    /// </summary>
    public TimeSpan DeploymentCacheBound { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest a host answers from its last successful read of an object's row while storage does not answer
    /// (counted from that read; the read is retried meanwhile). Five minutes by default: long enough to ride out the
    /// outages storage has (a throttling burst, a failover, an emulator restart: seconds to minutes) with invocations
    /// served from this host's runners; short enough that a host cut off from a storage the other hosts still reach
    /// stops serving a deployment or a public-invoke setting that may have changed there (a rollback, invocation made
    /// private again) after minutes, not for as long as the partition lasts. Past it, invocations answer 503.
    /// </summary>
    public TimeSpan DeploymentOutageBound { get; set; } = TimeSpan.FromMinutes(5);
}
