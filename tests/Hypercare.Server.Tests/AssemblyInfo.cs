// Each test starts its own server through WebApplicationFactory, which finds the host that Program builds by
// listening process-wide; started in parallel, two factories can pick up each other's host.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
