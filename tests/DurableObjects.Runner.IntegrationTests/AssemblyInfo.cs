// Runner tests start real processes and measure wall-clock timeouts; running them side by side on a 2-core machine
// would make timeouts fire for reasons that have nothing to do with the code under test.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
