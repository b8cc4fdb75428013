using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;

namespace VidStudio.Web.Api;

public sealed record KeyRequest(string? Name);
