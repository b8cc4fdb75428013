using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Web.Admission;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Api;

/// <summary>
/// Every exception that reaches the pipeline becomes problem details with a status that says what was wrong.
/// Nothing of an exception but its user-facing message ever reaches the client; unexpected ones say only that.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request (an aborted upload): nobody is left to answer, and it is not a server error.
            ClientAborted(context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return true;
        }

        if (StoreFailures.Is(exception) && exception is not ApiProblemException)
        {
            // Wherever the store failed to answer (a download, a font fetched for a job), it is an outage, not a bug.
            exception = ApiProblemException.StorageUnavailable($"The storage did not answer ({exception.Message}); try again shortly.");
        }

        var problem = ToProblem(exception);
        if (problem.Status >= 500 && problem.Status != StatusCodes.Status507InsufficientStorage)
        {
            UnhandledError(exception, context.Request.Method, context.Request.Path);
        }

        TimeSpan? retryAfter = exception is ApiProblemException api ? api.RetryAfter
            : problem.Status == StatusCodes.Status507InsufficientStorage ? DiskSpaceGuard.RetryAfter
            : null;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = null });
    }

    private static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ApiProblemException api => WithField(new ProblemDetails { Status = api.Status, Title = api.Title, Detail = api.Message }, api.Field),
        InvalidOptionsException invalid => WithField(new ValidationProblemDetails(
            invalid.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid parameters",
            Detail = invalid.Message,
        }, invalid.Errors.Count == 1 ? invalid.Errors[0].Field : null),
        VideoInputException input => new ProblemDetails
        {
            Status = input.Error is VideoInputError.Damaged or VideoInputError.NoFrames or VideoInputError.ResolutionTooLarge or VideoInputError.OverLimit
                ? StatusCodes.Status422UnprocessableEntity
                : StatusCodes.Status415UnsupportedMediaType,
            Title = input.Error switch
            {
                VideoInputError.ResolutionTooLarge => "Video too large",
                VideoInputError.OverLimit => "Over the server's limits",
                VideoInputError.Playlist => "Playlists are not accepted",
                _ => "Not a usable video",
            },
            Detail = input.Message,
        },
        InsufficientStorageException full => new ProblemDetails { Status = StatusCodes.Status507InsufficientStorage, Title = "Insufficient storage", Detail = full.Message },
        IOException { HResult: 28 or 122 } => new ProblemDetails
        {
            Status = StatusCodes.Status507InsufficientStorage,
            Title = "Insufficient storage",
            Detail = "The server's disk is full; the upload could not be stored. Try again later.",
        },
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "Upload too large",
            Detail = "The request body is larger than the server accepts.",
        },
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = "The request could not be read." },
        FfmpegNotFoundException missing => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "ffmpeg unavailable", Detail = missing.Message },
        _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Internal error", Detail = "An unexpected error occurred; it has been logged." },
    };

    private static ProblemDetails WithField(ProblemDetails problem, string? field)
    {
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client aborted {Method} {Path}")]
    private partial void ClientAborted(string method, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private partial void UnhandledError(Exception exception, string method, PathString path);
}
