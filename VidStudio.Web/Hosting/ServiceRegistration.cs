using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;
using VidStudio.Core.Media;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Preview;
using VidStudio.Core.Rendering;
using VidStudio.Web.Api;
using VidStudio.Web.Api.WebSockets;
using VidStudio.Web.Configuration;
using VidStudio.Web.Jobs;
using VidStudio.Web.Maintenance;
using VidStudio.Web.Presets;
using VidStudio.Web.Studio;
using VidStudio.Web.WatchFolders;
using VidStudio.Web.Webhooks;
using VidStudio.Web.Admission;
using VidStudio.Web.Events;
using VidStudio.Web.Contracts;
using VidStudio.Web.Fonts;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Hosting;

/// <summary>The composition root's parts: what each area of the server registers, from the validated settings.</summary>
public static class ServiceRegistration
{
    /// <summary>The converter (VidStudio.Core) with the installation's tools, fonts and caps.</summary>
    public static IServiceCollection AddVidStudioEngine(this IServiceCollection services, VidStudioSettings settings)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new FfmpegTools(settings.FfmpegPath, settings.FfprobePath));
        services.AddSingleton(_ => new FontSet(settings.MonoFontPath, settings.FallbackFontPath));
        var limits = new ConversionLimits
        {
            MaxRows = settings.MaxRows,
            MaxAspectRatio = settings.MaxAspectRatio,
            MaxOutputPixels = settings.MaxOutputPixels,
            MaxOutputFrames = settings.MaxOutputFrames,
            MaxOutputBytes = settings.MaxJobOutputBytes,
        };
        services.AddSingleton(new ConverterSettings { EncoderPreset = settings.EncoderPreset, Limits = limits });
        services.AddSingleton(sp => new ConversionPlanner(sp.GetRequiredService<FontSet>(), limits));
        services.AddSingleton<VideoConverter>();
        services.AddSingleton(sp => new TextFrameStream(sp.GetRequiredService<FfmpegTools>(), sp.GetRequiredService<FontSet>(), limits));
        services.AddSingleton(sp => new FramePreviewer(sp.GetRequiredService<FfmpegTools>(), sp.GetRequiredService<FontSet>(), limits));
        return services;
    }

    /// <summary>
    /// The job table, the job and preset services, and Hangfire on the configured database. JobRecovery is registered before the
    /// Hangfire servers so it migrates and re-queues before they start.
    /// </summary>
    public static IServiceCollection AddVidStudioJobs(this IServiceCollection services, VidStudioSettings settings)
    {
        services.AddVidStudioDatabase(settings);
        services.AddSingleton<JobFiles>();
        if (settings.Storage.Provider == StorageProvider.S3)
        {
            services.AddSingleton(_ => S3JobStorage.CreateClient(settings.Storage.S3));
            services.AddSingleton<IJobStorage, S3JobStorage>();
        }
        else
        {
            services.AddSingleton<IJobStorage, LocalJobStorage>();
        }

        services.AddSingleton<RunningJobs>();
        services.AddSingleton<JobNotifier>();
        services.AddSingleton<DiskSpaceGuard>();
        services.AddSingleton<JobSubmission>();
        services.AddSingleton<JobQueries>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<PresetService>();
        services.AddSingleton<FontCatalog>();
        services.AddSingleton<ConversionRequestResolver>();
        services.AddTransient<ConversionJob>();
        services.AddTransient<CleanupJob>();
        services.AddTransient<WebhookSweepJob>();
        services.AddSingleton<WebhookAddressPolicy>();
        services.AddSingleton<CallbackRequestReader>();
        services.AddSingleton<WebhookClients>();
        services.AddSingleton<CallbackSecretProtector>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddTransient<WebhookSender>();
        services.AddHostedService<JobRecovery>();
        services.AddHostedService<CleanupSchedule>();
        if (settings.RunsConversions)
        {
            services.AddHostedService<ConverterWarmup>();
        }

        services.AddSingleton<WatchFolderOwners>();
        if (settings.WatchFolders.Length > 0)
        {
            // After JobRecovery: the jobs of files taken before a restart are queued again before new files are looked at.
            services.AddSingleton<SettledFiles>();
            services.AddSingleton<WatchedFileOutcomes>();
            services.AddSingleton<WatchedFileIntake>();
            services.AddHostedService<WatchFolderService>();
        }

        if (settings.Database.Provider == DatabaseProvider.Postgres && settings.ServesWeb)
        {
            services.AddHostedService<JobChangeWatcher>();
        }
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseVidStudioStorage(settings));
        // Hangfire registers its client under the 1.7 interface; JobSubmission needs the 1.8 one (job parameters at creation).
        services.AddSingleton(provider => (IBackgroundJobClientV2)provider.GetRequiredService<IBackgroundJobClient>());
        if (!settings.RunsConversions)
        {
            // A web node only enqueues: Hangfire's client needs no server here.
            return services;
        }

        services.AddHangfireServer(server =>
        {
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:conversions";
            server.Queues = [ConversionJob.Queue];
            server.WorkerCount = settings.MaxConcurrentJobs;
        });
        services.AddHangfireServer(server =>
        {
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:webhooks";
            server.Queues = [WebhookSender.Queue];
            // Its own workers, several: a receiver that never answers holds one for the whole Timeout, and must not stall
            // everyone else's notifications (nor the cleanup).
            server.WorkerCount = 8;
            // Webhook retries are scheduled jobs: this server moves them to the queue on time (Hangfire's default looks every 15 s).
            server.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Clamp(settings.Webhooks.RetryDelay.TotalSeconds / 2, 0.2, 15));
        });
        services.AddHangfireServer(server =>
        {
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:maintenance";
            server.Queues = [CleanupJob.Queue];
            server.WorkerCount = 1;
        });
        return services;
    }

    /// <summary>The Studio: Blazor Server with MudBlazor, its sources and style samples.</summary>
    public static IServiceCollection AddVidStudioStudio(this IServiceCollection services, VidStudioSettings settings)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Notifications bottom-left: at the top right they covered the job page's action buttons.
        services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft);
        services.AddSingleton<StudioSources>();
        services.AddSingleton<StyleSamples>();
        if (settings.ServesWeb)
        {
            services.AddHostedService<SampleClipWarmup>();
        }

        return services;
    }

    /// <summary>
    /// Data Protection's keys (antiforgery, Blazor circuits, the callback secrets stored encrypted), which every node must
    /// read alike: with local storage in the data folder (0600 files, shared by nodes on one machine), with s3 in the
    /// store (<see cref="StoredKeyRepository"/>), so nodes on separate machines need no shared folder.
    /// </summary>
    public static IServiceCollection AddVidStudioKeys(this IServiceCollection services, VidStudioSettings settings)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("VidStudio");
        if (settings.Storage.Provider == StorageProvider.S3)
        {
            services.AddSingleton(sp => new StoredKeyRepository(
                sp.GetRequiredService<Amazon.S3.IAmazonS3>(), settings.Storage.S3, sp.GetRequiredService<ILogger<StoredKeyRepository>>()));
            services.AddOptions<KeyManagementOptions>().Configure<StoredKeyRepository>((options, keys) => options.XmlRepository = keys);
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(settings.KeysPath));
        }

        return services;
    }

    /// <summary>REST controllers, the WebSocket, problem details, OpenAPI, rate limits, forwarded headers and CORS.</summary>
    public static IServiceCollection AddVidStudioApi(this IServiceCollection services, VidStudioSettings settings)
    {
        services.AddSingleton<MultipartUploadReader>();
        services.AddSingleton<UploadQuota>();
        services.AddSingleton<UploadAdmission>();
        services.AddSingleton<FfmpegProbe>();
        services.AddSingleton<AsciiStreamEndpoint>();
        services.AddControllers().AddJsonOptions(o => ApiJson.Configure(o.JsonSerializerOptions));
        // The OpenAPI generator describes schemas with these (not the controllers') settings: without them the document
        // named fields in camelCase (jobId) while every response carries snake_case (job_id).
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer<DocumentInfoTransformer>();
            openApi.AddOperationTransformer<MultipartFormTransformer>();
            openApi.AddSchemaTransformer<ArtifactsSchemaTransformer>();
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = ApiRateLimit.CreateGlobal(settings.RateLimit);
            limiter.OnRejected = ApiRateLimit.WriteProblemAsync;
        });
        if (settings.KnownProxies.Length > 0)
        {
            services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // Only the configured proxies: the defaults would also believe any process on this machine.
                forwarded.KnownIPNetworks.Clear();
                forwarded.KnownProxies.Clear();
                foreach (var proxy in settings.KnownProxies)
                {
                    forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }
            });
        }
        if (settings.CorsOrigins.Length > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(settings.CorsOrigins).AllowAnyHeader().AllowAnyMethod()));
        }
        return services;
    }
}
