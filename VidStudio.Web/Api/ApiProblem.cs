namespace VidStudio.Web.Api;

/// <summary>
/// A client error with its HTTP status, turned into RFC 9457 problem details by <see cref="ProblemExceptionHandler"/>.
/// <c>field</c> names the form field at fault, when there is one.
/// </summary>
public sealed class ApiProblemException(int status, string title, string detail, string? field = null) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Field { get; } = field;

    public static ApiProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", what);
}
