using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Jobs;

/// <summary>No room on disk for new work; answered with 507 and Retry-After.</summary>
public sealed class InsufficientStorageException(string message, Exception? inner = null) : Exception(message, inner);
