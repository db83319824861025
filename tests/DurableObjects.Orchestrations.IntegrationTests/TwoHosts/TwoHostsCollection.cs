namespace DurableObjects.Orchestrations.IntegrationTests.TwoHosts;

/// <summary>
/// The two-host tests run one at a time: each starts two hosts with their runners, and on a shared two-core machine
/// two such pairs at once would test the machine's patience rather than the hosts.
/// </summary>
[CollectionDefinition(nameof(TwoHostsCollection), DisableParallelization = true)]
public sealed class TwoHostsCollection;
