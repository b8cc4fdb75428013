namespace VidStudio.Web.Webhooks;

/// <summary>A job's own webhook: where to call, and the secret that signs the call (<see cref="GeneratedSecret"/> when the server chose it, to show once).</summary>
public sealed record JobCallback(string Url, string Secret, string? GeneratedSecret);
