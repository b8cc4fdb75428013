using VidStudio.Core.Output;

namespace VidStudio.Tests.Unit;

[Trait("Category", "Unit")]
public class BoundedWorkQueueTests
{
    [Fact]
    public async Task Stop_returns_only_after_the_item_being_handled_is_done_and_discards_the_rest()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var handled = new List<int>();
        var discarded = new List<int>();
        var queue = new BoundedWorkQueue<int>(4, 1, async (item, _) =>
        {
            started.TrySetResult();
            // A handler that ignores cancellation, as a synchronous PNG save does once it has begun.
            await release.Task;
            lock (handled) handled.Add(item);
        }, item => { lock (discarded) discarded.Add(item); }, CancellationToken.None);

        await queue.EnqueueAsync(1, CancellationToken.None);
        await queue.EnqueueAsync(2, CancellationToken.None);
        await queue.EnqueueAsync(3, CancellationToken.None);
        await started.Task;
        var stop = queue.StopAsync();
        Assert.False(stop.IsCompleted, "Stop returned while an item was still being handled");
        release.SetResult();
        await stop;

        // Every item is accounted for when StopAsync returns, so nothing can be written later: the first finished, the
        // others were discarded without being handled.
        Assert.Equal([1], handled);
        Assert.Equal([2, 3], discarded.Order());
    }
}
