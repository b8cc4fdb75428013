using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Jobs;

public enum CancelOutcome
{
    NotFound,
    Cancelled,
    Deleted,
}
