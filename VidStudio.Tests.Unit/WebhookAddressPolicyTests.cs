using System.Net;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Webhooks;

namespace VidStudio.Tests.Unit;

public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("0.0.0.0")]
    [InlineData("10.20.30.40")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2001:db8::1")]
    [InlineData("::10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::ffff:0:a00:1")]
    [InlineData("64:ff9b:1::a00:1")]
    [InlineData("2002:a00:1::")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2001:0:4136:e378::1")]
    [InlineData("100::1")]
    public void Internal_and_reserved_addresses_are_not_public(string address) => Assert.False(WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("93.184.216.34")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.4.4")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2a00:1450:4001::200e")]
    public void Internet_addresses_are_public(string address) => Assert.True(WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task A_delivery_is_refused_at_connect_time_when_the_name_resolves_to_loopback()
    {
        // What DNS rebinding would do: a name checked at submit time that now resolves to the server itself.
        var settings = Options.Create(new VidStudioSettings());
        using var clients = new WebhookClients(new WebhookAddressPolicy(settings), settings);
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => clients.Callbacks.PostAsync($"http://localhost:{port}/hook", new StringContent("{}")));

        Assert.Contains("loopback, link-local or private", refused.Message + refused.InnerException?.Message);
        Assert.False(listener.Pending(), "no connection may reach the loopback listener");
    }

    [Fact]
    public async Task Configured_endpoints_may_be_private()
    {
        var settings = Options.Create(new VidStudioSettings());
        using var clients = new WebhookClients(new WebhookAddressPolicy(settings), settings);
        using var receiver = new Support.WebhookReceiver();

        using var response = await clients.Configured.PostAsync(receiver.Url("/configured"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(receiver.To("/configured"));
    }
}
