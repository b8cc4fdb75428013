using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;

namespace VidStudio.Web.Api;

/// <summary>A key as created: <c>key</c> is shown this once and never again.</summary>
public sealed record CreatedKeyResponse(string Key, string Name, string Prefix);
