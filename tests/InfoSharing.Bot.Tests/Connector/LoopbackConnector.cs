using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>
/// A fake Bot Connector: a real Kestrel server on <c>http://127.0.0.1:{random port}</c> that records every request and
/// answers only what a test scripted. Any other call is answered 418 <c>LoopbackUnexpectedCall</c>, recorded, and makes
/// <see cref="DisposeAsync"/> (and <see cref="AssertNoUnexpectedCalls"/>) throw, so it fails the test.
/// <code>
/// await using var connector = await LoopbackConnector.StartAsync(ct);
/// connector.On(HttpMethod.Post, "/v3/conversations/a%3A1/activities")
///     .Respond(LoopbackResponse.Empty(429).WithHeader("Retry-After", "1"), LoopbackResponse.Json(201, """{"id":"7"}"""));
/// // … call the client with connector.ServiceUrl …
/// Assert.Equal(2, connector.Requests.Count);
/// </code>
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<LoopbackRoute> routes = [];
    private readonly List<LoopbackRequest> requests = [];
    private readonly List<LoopbackRequest> unexpected = [];
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? app;
    private bool disposed;

    private LoopbackConnector()
    {
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The serviceUrl to give the client, with a trailing '/'.</summary>
    public string ServiceUrl => BaseAddress.AbsoluteUri;

    /// <summary>The same serviceUrl without the trailing '/'.</summary>
    public string ServiceUrlWithoutTrailingSlash => BaseAddress.AbsoluteUri.TrimEnd('/');

    /// <summary>Every request received, in order (a snapshot).</summary>
    public IReadOnlyList<LoopbackRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Requests no route was scripted to answer (a snapshot).</summary>
    public IReadOnlyList<LoopbackRequest> UnexpectedRequests
    {
        get
        {
            lock (gate)
            {
                return [.. unexpected];
            }
        }
    }

    public static async Task<LoopbackConnector> StartAsync(CancellationToken cancellationToken)
    {
        var connector = new LoopbackConnector();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Test",
            ApplicationName = typeof(LoopbackConnector).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(connector.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        connector.app = app;
        return connector;
    }

    /// <summary>A route for one method and one raw (escaped, query-less) path, e.g. <c>/v3/conversations/a%3A1/activities</c>.</summary>
    public LoopbackRoute On(HttpMethod method, string rawPath)
    {
        ArgumentNullException.ThrowIfNull(method);
        return On($"{method} {rawPath}", request =>
            string.Equals(request.Method, method.Method, StringComparison.OrdinalIgnoreCase)
            && string.Equals(request.RawPath, rawPath, StringComparison.Ordinal));
    }

    /// <summary>A route for any request <paramref name="matches"/> accepts. Routes are tried in the order they were added.</summary>
    public LoopbackRoute On(string description, Func<LoopbackRequest, bool> matches)
    {
        var route = new LoopbackRoute(description, matches);
        lock (gate)
        {
            routes.Add(route);
        }

        return route;
    }

    /// <summary>Waits (real time, at most 5 s) until at least <paramref name="count"/> requests arrived.</summary>
    public Task<IReadOnlyList<LoopbackRequest>> WaitForRequestsAsync(int count, CancellationToken cancellationToken) =>
        WaitForRequestsAsync(count, TimeSpan.FromSeconds(5), cancellationToken);

    /// <summary>Waits (real time, at most <paramref name="timeout"/>) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task<IReadOnlyList<LoopbackRequest>> WaitForRequestsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            Task arrived;
            lock (gate)
            {
                if (requests.Count >= count)
                {
                    return [.. requests];
                }

                arrived = requestArrived.Task;
            }

            try
            {
                await arrived.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The loopback connector received {Requests.Count} request(s), expected {count}.");
            }
        }
    }

    /// <summary>Throws when any request was not scripted.</summary>
    public void AssertNoUnexpectedCalls()
    {
        var calls = UnexpectedRequests;
        if (calls.Count > 0)
        {
            throw new LoopbackUnexpectedCallException(
                $"The loopback connector received {calls.Count} unexpected call(s): {string.Join("; ", calls)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await stopping.CancelAsync();
        if (app is not null)
        {
            using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(shutdown.Token);
            await app.DisposeAsync();
        }

        stopping.Dispose();
        AssertNoUnexpectedCalls();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        LoopbackResponse? response = null;
        lock (gate)
        {
            requests.Add(request);
            foreach (var route in routes)
            {
                if (route.TryTake(request, out response))
                {
                    break;
                }
            }

            if (response is null)
            {
                unexpected.Add(request);
            }

            requestArrived.TrySetResult();
            requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        response ??= LoopbackResponse.Error(418, "LoopbackUnexpectedCall", $"No route scripted for {request}.");
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        try
        {
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, aborted.Token);
            }

            switch (response.Behavior)
            {
                case LoopbackBehavior.Hang:
                    await Task.Delay(Timeout.Infinite, aborted.Token);
                    break;
                case LoopbackBehavior.Abort:
                    context.Abort();
                    return;
                case LoopbackBehavior.Respond:
                    await WriteAsync(context, response, aborted.Token);
                    return;
            }
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private static async Task WriteAsync(HttpContext context, LoopbackResponse response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, Encoding.UTF8, cancellationToken);
        }
    }

    private static async Task<LoopbackRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return new LoopbackRequest
        {
            Method = context.Request.Method,
            RawTarget = rawTarget,
            RawPath = query < 0 ? rawTarget : rawTarget[..query],
            Headers = context.Request.Headers.ToDictionary(
                static header => header.Key,
                static header => header.Value.ToString(),
                StringComparer.OrdinalIgnoreCase),
            Body = body,
            ReceivedAt = TimeProvider.System.GetUtcNow(),
        };
    }
}
