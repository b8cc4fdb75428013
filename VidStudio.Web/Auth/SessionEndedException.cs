namespace VidStudio.Web.Auth;

/// <summary>
/// A Studio tab's session ended (key revoked, user removed or demoted, session expired) while it was doing something.
/// A cancellation, so that Blazor drops the action quietly instead of tearing the tab down with an error: the tab has
/// already turned anonymous and is on its way to the sign-in page.
/// </summary>
public sealed class SessionEndedException() : OperationCanceledException("The session has ended; sign in again.");
