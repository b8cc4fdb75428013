using VidStudio.Core.Pipeline;

namespace VidStudio.Tests.Unit;

[Trait("Category", "Unit")]
public class BoundedWorkQueueTests
{
    [Fact]
    public async Task Stop_returns_only_after_the_item_being_handled_is_done_and_discards_the_rest()
    {
        var started = new TaskCompletionSource();
        var handled = new List<int>();
        var discarded = new List<int>();
        var queue = new BoundedWorkQueue<int>(4, 1, async (item, _) =>
        {
            started.TrySetResult();
            // A handler that ignores cancellation, as a synchronous PNG save does once it has begun.
            await Task.Delay(300, CancellationToken.None);
            lock (handled) handled.Add(item);
        }, item => { lock (discarded) discarded.Add(item); }, CancellationToken.None);

        await queue.EnqueueAsync(1, CancellationToken.None);
        await queue.EnqueueAsync(2, CancellationToken.None);
        await queue.EnqueueAsync(3, CancellationToken.None);
        await started.Task;
        await queue.StopAsync();

        // Nothing is written after StopAsync returns: the first item finished, the others were never handled.
        Assert.Equal([1], handled);
        Assert.Equal([2, 3], discarded.Order());
        await Task.Delay(400);
        Assert.Equal([1], handled);
    }
}
