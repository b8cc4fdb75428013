namespace VidStudio.Web.Admission;

/// <summary>
/// The checks an upload that starts work passes before a byte of it is stored, the same for REST (single and batch),
/// the WebSocket and the Studio's upload: the caller's upload budget (<see cref="UploadQuota"/>), then the disk floor
/// (<see cref="DiskSpaceGuard"/>). A refusal is an <see cref="ApiProblemException"/> 429 or an
/// <see cref="InsufficientStorageException"/>.
/// </summary>
public sealed class UploadAdmission(UploadQuota quota, DiskSpaceGuard disk)
{
    public async Task AdmitAsync(HttpContext context)
    {
        await quota.TakeAsync(context);
        disk.EnsureRoomForNewJob();
    }
}
