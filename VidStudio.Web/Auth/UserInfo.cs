using VidStudio.Web.Data;

namespace VidStudio.Web.Auth;

public sealed record UserInfo(long Id, string Name, UserRole Role, DateTimeOffset CreatedAt, int ActiveKeys);
