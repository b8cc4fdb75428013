namespace VidStudio.Tests.Support;

/// <summary>Waits for a settled state (a log line written, a run ended) instead of sleeping a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="failure"/> after <paramref name="within"/> (20 s by default).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string failure, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(PollInterval);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string failure, TimeSpan? within = null) =>
        HoldsAsync(() => Task.FromResult(condition()), failure, within);
}
