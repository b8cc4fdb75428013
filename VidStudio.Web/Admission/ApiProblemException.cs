using VidStudio.Core;

namespace VidStudio.Web.Admission;

/// <summary>
/// A client error with its HTTP status, turned into RFC 9457 problem details by the API's problem handler (<c>Api.ProblemExceptionHandler</c>).
/// <c>field</c> names the form field at fault, when there is one.
/// </summary>
public sealed class ApiProblemException(int status, string title, string detail, string? field = null) : ExpectedErrorException(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Field { get; } = field;

    /// <summary>Sent as the Retry-After header (429, 503, 507).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ApiProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", what);

    /// <summary>503 while the object store does not answer: the request changed nothing and can be sent again.</summary>
    public static ApiProblemException StorageUnavailable(string detail) => new(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", detail)
    {
        RetryAfter = TimeSpan.FromSeconds(30),
    };

    /// <summary>413 for a file over its size setting (MaxFileSize for videos), the same wherever files are uploaded.</summary>
    public static ApiProblemException UploadTooLarge(long maxFileSize, string? field = null, string setting = "MaxFileSize") => new(StatusCodes.Status413PayloadTooLarge, "Upload too large",
        $"Each file may be at most {ByteSize.Format(maxFileSize)} (setting {setting}).", field);
}
