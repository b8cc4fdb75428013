using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;
using VidStudio.Web.Admission;

namespace VidStudio.Web.Api;

/// <summary>
/// API keys of the calling user, and users (admins only). The Studio's account and users pages do the same. While
/// authentication is off there is no user to hold keys, and these answer 409.
/// </summary>
[ApiController]
[Route("api/v1")]
[Produces("application/json")]
public sealed class AccountController(UserService users) : ControllerBase
{
    /// <summary>The calling user's keys (never the keys themselves).</summary>
    [HttpGet("keys")]
    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeys(CancellationToken cancellationToken) =>
        await users.ListKeysAsync(RequireUserId(), cancellationToken);

    /// <summary>Creates a key for the calling user; the answer is the only time it is shown.</summary>
    [HttpPost("keys")]
    [ProducesResponseType<CreatedKeyResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> CreateKey([FromBody] KeyRequest request, CancellationToken cancellationToken)
    {
        var (key, error) = await users.CreateKeyAsync(RequireUserId(), request.Name, cancellationToken);
        return key is null
            ? throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid key name", error!, "name")
            : Created("/api/v1/keys", new CreatedKeyResponse(key, string.IsNullOrWhiteSpace(request.Name) ? "key" : request.Name.Trim(), ApiKeyText.Prefix(key)));
    }

    /// <summary>Revokes one of the calling user's keys (an admin may revoke anyone's); requests with it fail from then on.</summary>
    [HttpDelete("keys/{id:long}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RevokeKey(long id, CancellationToken cancellationToken)
    {
        RequireUserId();
        return await users.RevokeKeyAsync(Caller.From(User), id, cancellationToken) ? NoContent() : throw ApiProblemException.NotFound($"There is no active key {id} of yours.");
    }

    /// <summary>Every user (admins only).</summary>
    [HttpGet("users")]
    [Authorize(Policy = AuthSchemes.AdminPolicy)]
    public async Task<IReadOnlyList<UserInfo>> ListUsers(CancellationToken cancellationToken)
    {
        RequireUserId();
        return await users.ListUsersAsync(cancellationToken);
    }

    /// <summary>Adds a user (admins only) with a first key, shown this once. <c>role</c>: <c>member</c> (default) or <c>admin</c>.</summary>
    [HttpPost("users")]
    [Authorize(Policy = AuthSchemes.AdminPolicy)]
    [ProducesResponseType<CreatedUserResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> CreateUser([FromBody] UserRequest request, CancellationToken cancellationToken)
    {
        RequireUserId();
        var role = request.Role?.Trim().ToLowerInvariant() switch
        {
            null or "" or AuthSchemes.MemberRole => UserRole.Member,
            AuthSchemes.AdminRole => UserRole.Admin,
            _ => throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid role", "role must be 'member' or 'admin'.", "role"),
        };
        var (user, key, error) = await users.CreateUserAsync(request.Name, role, cancellationToken);
        return user is null
            ? throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid user", error!, "name")
            : Created("/api/v1/users", new CreatedUserResponse(user, key!));
    }

    private long RequireUserId() => Caller.From(User).UserId
        ?? throw new ApiProblemException(StatusCodes.Status409Conflict, "Authentication is off",
            "This server runs without authentication (it listens on this machine only), so there are no users or keys. Set VidStudio__Auth__Mode=on to use them.");
}
