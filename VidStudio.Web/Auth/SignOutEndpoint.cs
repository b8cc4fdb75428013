using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace VidStudio.Web.Auth;

/// <summary><c>POST /account/signout</c> from the app bar's form; the form field makes ASP.NET Core check its anti-forgery token.</summary>
public static class SignOutEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, [FromForm(Name = "return_url")] string? returnUrl)
    {
        await context.SignOutAsync(AuthSchemes.Cookie);
        return Results.LocalRedirect(AuthSchemes.SignInPath);
    }
}
