using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VidStudio.Core;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Fonts;
using VidStudio.Web.Jobs;
using VidStudio.Web.Admission;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api.WebSockets;

/// <summary>
/// <c>/api/v1/ws/convert</c>: streams text frames while the video decodes. Each send is awaited before the next
/// frame is decoded, so a slow client slows ffmpeg down rather than filling the server's memory; a client that
/// goes away cancels the work and its ffmpeg.
/// </summary>
public sealed partial class AsciiStreamEndpoint(
    TextFrameStream frames, ConversionRequestResolver requests, FontCatalog fonts, JobFiles files, UploadAdmission admission, IOptions<VidStudioSettings> settings, ILogger<AsciiStreamEndpoint> logger)
{
    public const string Path = "/api/v1/ws/convert";

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private int _streams;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "WebSocket expected", "Connect to this endpoint with a WebSocket client (ws://HOST/api/v1/ws/convert).");
        }

        // A handshake from another site's page never gets here (CrossSiteRequestFilter).
        await admission.AdmitAsync(context);
        if (Interlocked.Increment(ref _streams) > settings.Value.MaxConcurrentStreams)
        {
            Interlocked.Decrement(ref _streams);
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Too many streams",
                $"{settings.Value.MaxConcurrentStreams} streams are already running (setting MaxConcurrentStreams); try again shortly.")
            {
                RetryAfter = TimeSpan.FromSeconds(10),
            };
        }

        try
        {
            await StreamAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _streams);
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var staged = files.NewStagingPath();
        Task? watcher = null;
        try
        {
            var caller = Caller.From(context.User);
            var (options, maybeError) = await ReceiveStartWithinLimitsAsync(socket, staged, caller, gone.Token);
            if (maybeError is not null)
            {
                await SendAsync(socket, new StreamErrorMessage(maybeError), gone.Token);
                await CloseAsync(socket, WebSocketCloseStatus.InvalidPayloadData, "bad request");
                watcher = WatchForCloseAsync(socket, gone);
                return;
            }

            // Anything the client sends from now on is ignored, but reading notices when it closes. A stream runs no longer
            // than a job may.
            watcher = WatchForCloseAsync(socket, gone);
            gone.CancelAfter(settings.Value.JobTimeout);
            var count = 0;
            var font = await fonts.ResolveAsync(options!.Font, caller.UserId, gone.Token);
            await foreach (var frame in frames.StreamAsync(staged, options, gone.Token, font))
            {
                await SendAsync(socket, new StreamFrameMessage(frame.FrameNumber, frame.Text, Math.Round(frame.Timestamp, 4), frame.ExpectedFrames), gone.Token);
                count++;
            }

            await SendAsync(socket, new StreamCompletedMessage(count), gone.Token);
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "completed");
        }
        catch (OperationCanceledException)
        {
            // The client closed or vanished (or the server is stopping): nothing is left to tell it.
            ClientWentAway();
        }
        catch (ExpectedErrorException e)
        {
            await TrySendErrorAsync(socket, e.Message);
        }
        catch (WebSocketException)
        {
            SocketClosedAbruptly();
        }
        catch (Exception e)
        {
            StreamFailed(e);
            await TrySendErrorAsync(socket, "An unexpected error occurred; it has been logged.");
        }
        finally
        {
            // The upload is done with before the close handshake, which may take a slow client a few seconds.
            File.Delete(staged);
            await AwaitClientCloseAsync(watcher, gone);
        }
    }

    /// <summary>
    /// After our close frame, waits (briefly) for the client's: cancelling the watcher's pending receive would abort the
    /// socket, and the TCP reset that follows can discard the last messages the client has not read yet.
    /// </summary>
    private static async Task AwaitClientCloseAsync(Task? watcher, CancellationTokenSource gone)
    {
        if (watcher is null)
        {
            return;
        }

        if (await Task.WhenAny(watcher, Task.Delay(CloseHandshakeTimeout)) != watcher)
        {
            await gone.CancelAsync();
        }

        await watcher;
    }

    /// <summary>
    /// The start message within StreamStartTimeout overall and StreamIdleTimeout between chunks: a client that opens a
    /// socket and then trickles (or sends nothing) would otherwise hold a stream slot for ever.
    /// </summary>
    private async Task<(ConversionOptions? Options, string? Error)> ReceiveStartWithinLimitsAsync(WebSocket socket, string staged, Caller caller, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Value.StreamStartTimeout);
        try
        {
            return await ReceiveStartAsync(socket, staged, caller, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"The start message did not arrive in time (at most {settings.Value.StreamIdleTimeout.TotalSeconds:0} s without data, {settings.Value.StreamStartTimeout.TotalSeconds:0} s in all).");
        }
    }

    /// <summary>
    /// Reads the start message chunk by chunk (bounded by MaxFileSize in base64), decoding the video straight into
    /// <paramref name="staged"/>, so memory does not grow with the upload.
    /// </summary>
    private async Task<(ConversionOptions? Options, string? Error)> ReceiveStartAsync(WebSocket socket, string staged, Caller caller, CancellationToken cancellationToken)
    {
        var limit = settings.Value.MaxFileSize * 4 / 3 + 64 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        StartMessageSplitter splitter;
        try
        {
            await using var video = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: false);
            splitter = new StartMessageSplitter(video);
            long received = 0;
            ValueWebSocketReceiveResult result;
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            do
            {
                idle.CancelAfter(settings.Value.StreamIdleTimeout);
                result = await socket.ReceiveAsync(buffer.AsMemory(), idle.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new OperationCanceledException("The client closed before sending its start message.");
                }

                received += result.Count;
                if (received > limit)
                {
                    return (null, $"The message is larger than the upload limit of {ByteSize.Format(settings.Value.MaxFileSize)}.");
                }

                splitter.Write(buffer.AsSpan(0, result.Count));
            }
            while (!result.EndOfMessage);

            splitter.Complete();
        }
        catch (FormatException format)
        {
            return (null, format.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(splitter.Rest);
        }
        catch (JsonException)
        {
            return (null, "The first message must be JSON: {\"action\": \"start\", \"file_base64\": \"...\", ...parameters}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String || action.GetString() != "start")
            {
                return (null, "The first message must have \"action\": \"start\".");
            }

            if (!splitter.FoundFile || splitter.VideoLength == 0)
            {
                return (null, "\"file_base64\" must hold the video, base64-encoded.");
            }

            try
            {
                var fields = ApiJson.Fields(root.EnumerateObject().Where(p => p.Name is not ("action" or "file_base64")));
                if (fields.FirstOrDefault(f => Webhooks.CallbackRequestReader.Owns(f.Key)).Key is { } callbackField)
                {
                    // Said, not ignored: a client expecting a call back would otherwise wait for one that never comes.
                    return (null, $"{callbackField} applies to queued jobs (POST /api/v1/convert/video); a stream's frames and its end arrive on this socket.");
                }

                return (await requests.ResolveAsync(fields, caller, cancellationToken), null);
            }
            catch (InvalidOptionsException invalid)
            {
                return (null, invalid.Message);
            }
        }
    }

    private static async Task WatchForCloseAsync(WebSocket socket, CancellationTokenSource gone)
    {
        var buffer = new byte[1024];
        try
        {
            while (!gone.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, gone.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }

        await gone.CancelAsync();
    }

    private static Task SendAsync<TMessage>(WebSocket socket, TMessage message, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, ApiJson.Options), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task TrySendErrorAsync(WebSocket socket, string error)
    {
        try
        {
            await SendAsync(socket, new StreamErrorMessage(error), CancellationToken.None);
            await CloseAsync(socket, WebSocketCloseStatus.InternalServerError, "error");
        }
        catch (WebSocketException)
        {
        }
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
            try
            {
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket client went away; streaming stopped")]
    private partial void ClientWentAway();

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket closed abruptly; streaming stopped")]
    private partial void SocketClosedAbruptly();

    [LoggerMessage(Level = LogLevel.Error, Message = "WebSocket stream failed")]
    private partial void StreamFailed(Exception exception);
}
