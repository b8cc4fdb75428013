using VidStudio.Core.Options;
using System.Text.Json;
using System.Text.Json.Serialization;
using VidStudio.Core.Output;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

// Response shapes of API v1 (SPEC §2). Serialized in snake_case: JobId → "job_id".

public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, int Page, int PageSize, int Total);
