using VidStudio.Web.Auth;

namespace VidStudio.Web.Api;

public sealed record CreatedUserResponse(UserInfo User, string Key);
