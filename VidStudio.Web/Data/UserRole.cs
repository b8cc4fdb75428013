namespace VidStudio.Web.Data;

public enum UserRole
{
    Member,
    Admin,
}
