using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, int Page, int PageSize, int Total);
