namespace VidStudio.Core.Output.HtmlPlayer;

/// <summary>Each frame's cells and colours appended to the player's frame records; the page is assembled at the end.</summary>
internal sealed class HtmlPlayerSink(HtmlPlayerWriter writer) : IFrameSink
{
    private long? _completedBytes;

    public static ValueTask<IFrameSink> StartAsync(SinkContext context, CancellationToken cancellationToken)
    {
        var renderer = context.Renderer;
        var writer = new HtmlPlayerWriter(
            context.PathOf(HtmlPlayerOutput.FileName), renderer.Layout, renderer.Atlas, renderer.Glyphs, context.Options, renderer.Palette,
            context.Rate, context.Tools, context.SourceHasAudio ? context.Source : null, cancellationToken);
        return ValueTask.FromResult<IFrameSink>(new HtmlPlayerSink(writer));
    }

    public long BytesWritten => _completedBytes ?? writer.BytesWritten;

    public ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken)
    {
        writer.AddFrame(frame.Cells);
        return ValueTask.CompletedTask;
    }

    public async Task CompleteAsync(int frames, CancellationToken cancellationToken) =>
        _completedBytes = await writer.CompleteAsync(frames, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync()
    {
        writer.Dispose();
        return ValueTask.CompletedTask;
    }
}
