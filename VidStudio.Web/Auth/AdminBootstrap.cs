using VidStudio.Web.Configuration;

namespace VidStudio.Web.Auth;

/// <summary>Once the server listens (so its addresses are known), creates the first admin if authentication can be required.</summary>
public sealed partial class AdminBootstrap(IHostApplicationLifetime lifetime, AuthGate gate, UserService users, ILogger<AdminBootstrap> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            AuthenticationConfigured(gate.Mode,
                gate.IsOnForEveryRequest ? "required on every request" : gate.CanRequireAuth ? "required for proxied requests" : "off (loopback only)");
            if (gate.CanRequireAuth)
            {
                users.EnsureAdminAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication: mode {Mode}, {State}")]
    private partial void AuthenticationConfigured(AuthMode mode, string state);
}
