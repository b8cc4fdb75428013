namespace VidStudio.Tests.Security;

/// <summary>
/// Tests that start servers of their own with their own settings (and crash, restart or flood them) run alone, after
/// the parallel ones: on two cores their conversions would otherwise starve the shared in-process host's queue.
/// </summary>
[CollectionDefinition(nameof(StandaloneServers), DisableParallelization = true)]
public sealed class StandaloneServers;
