# syntax=docker/dockerfile:1
# Build: the SDK restores and publishes the server for linux-x64.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props VidStudio.sln ./
COPY VidStudio.Core/VidStudio.Core.csproj VidStudio.Core/
COPY VidStudio.Web/VidStudio.Web.csproj VidStudio.Web/
RUN dotnet restore VidStudio.Web/VidStudio.Web.csproj
COPY VidStudio.Core/ VidStudio.Core/
COPY VidStudio.Web/ VidStudio.Web/
RUN dotnet publish VidStudio.Web/VidStudio.Web.csproj -c Release --no-restore -o /app

# Run: the ASP.NET runtime with ffmpeg and the bundled fonts glyphs are drawn with (DejaVu, Liberation Mono, Noto Sans Mono), as a non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg fonts-dejavu-core fonts-liberation2 fonts-noto-mono curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 vidstudio \
 && mkdir -p /data && chown vidstudio /data
WORKDIR /app
COPY --from=build /app ./
USER vidstudio
ENV Urls=http://0.0.0.0:8080 \
    VidStudio__DataDirectory=/data
# Databases (jobs, Hangfire), uploads, results and logs.
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health | grep -q '"status":"healthy"' || exit 1
ENTRYPOINT ["dotnet", "VidStudio.Web.dll"]
