namespace VidStudio.Web.Auth;

/// <summary>Names shared by the authentication handlers, the policies and the pages.</summary>
public static class AuthSchemes
{
    /// <summary>The default scheme: forwards to one of the three below, per request.</summary>
    public const string Selector = "VidStudio";
    public const string ApiKey = "ApiKey";
    public const string Cookie = "Cookie";

    /// <summary>Used while authentication is off: every request is the local user, an admin.</summary>
    public const string Local = "Local";

    public const string AdminRole = "admin";
    public const string MemberRole = "member";
    public const string AdminPolicy = "Admin";

    /// <summary>Claim with the id of the API key a request or session was authenticated with.</summary>
    public const string KeyIdClaim = "vidstudio:key";

    /// <summary>Claim with the Unix time a Studio session's cookie expires (see <see cref="AuthenticatedKey.WithSessionEnd"/>).</summary>
    public const string SessionEndClaim = "vidstudio:session_end";

    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>Browsers cannot set headers on a WebSocket, so its URL may carry the key instead.</summary>
    public const string ApiKeyQuery = "api_key";

    public const string SignInPath = "/signin";
    public const string SignOutPath = "/account/signout";
}
