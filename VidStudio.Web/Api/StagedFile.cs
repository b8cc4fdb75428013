using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using VidStudio.Web.Jobs;

namespace VidStudio.Web.Api;

/// <summary>A file received into the staging folder; <see cref="OriginalName"/> is for display only.</summary>
public sealed record StagedFile(string Path, string OriginalName, long Length);
