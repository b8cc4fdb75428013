using System.Threading.Channels;

namespace VidStudio.Core.Output;

/// <summary>
/// A bounded hand-off to a fixed number of workers. The bound is what keeps memory flat: the producer waits when
/// workers fall behind instead of piling up frames. The first worker failure cancels the rest and is rethrown.
/// </summary>
internal sealed class BoundedWorkQueue<T>
{
    private readonly Channel<T> _channel;
    private readonly Task _workers;
    private readonly CancellationTokenSource _failure;

    public BoundedWorkQueue(int capacity, int workers, Func<T, CancellationToken, ValueTask> handle, Action<T> discard, CancellationToken cancellationToken)
    {
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleWriter = true, SingleReader = workers == 1 });
        _failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _failure.Token;
        _workers = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var item in _channel.Reader.ReadAllAsync(token).ConfigureAwait(false))
                {
                    // ReadAllAsync only looks at the token while it waits: items already queued would still be handled.
                    if (token.IsCancellationRequested)
                    {
                        discard(item);
                        token.ThrowIfCancellationRequested();
                    }

                    await handle(item, token).ConfigureAwait(false);
                }
            }
            catch
            {
                _failure.Cancel();
                throw;
            }
        }, CancellationToken.None))).ContinueWith(task =>
        {
            // Return whatever was still queued when the workers stopped early.
            while (_channel.Reader.TryRead(out var left))
            {
                discard(left);
            }

            return task;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
    }

    public async ValueTask EnqueueAsync(T item, CancellationToken cancellationToken)
    {
        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _failure.Token);
            await _channel.Writer.WriteAsync(item, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_workers.IsFaulted)
        {
            await _workers.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the workers and waits for them: an item being handled is finished, the rest are discarded. Once it
    /// returns nothing more is written, so a failed job's files can be removed without a late writer re-creating one.
    /// After <see cref="CompleteAsync"/> it has nothing left to do.
    /// </summary>
    public async Task StopAsync()
    {
        _failure.Cancel();
        _channel.Writer.TryComplete();
        try
        {
            await _workers.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled, or the failure the job already reports: only the waiting matters here.
        }
    }

    /// <summary>Waits until every queued item is handled; rethrows a worker's failure.</summary>
    public Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        return _workers;
    }
}
