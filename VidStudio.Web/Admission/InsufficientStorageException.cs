using VidStudio.Core;

namespace VidStudio.Web.Admission;

/// <summary>No room on disk for new work; answered with 507 and Retry-After.</summary>
public sealed class InsufficientStorageException(string message, Exception? inner = null) : ExpectedErrorException(message, inner);
