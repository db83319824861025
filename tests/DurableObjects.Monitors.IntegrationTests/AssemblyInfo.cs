// Scans are timed against a settle window and hosts share two cores with Azurite: one test at a time keeps timings honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
