using InfoSharing.Bot.Storage;
using System.Net;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Hosting;

/// <summary>
/// Development only (<c>Safeguarding:DevelopmentClock</c>, refused in any other environment): the system clock plus an
/// offset that <c>POST /_dev/clock</c> from the same machine can move, so that reminders and escalations hours or days
/// away can be seen firing in the Agents Playground. Timers still run on the system clock.
/// </summary>
public sealed class DevelopmentClock : TimeProvider
{
    public const string SettingKey = "Safeguarding:DevelopmentClock";

    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);

    /// <summary>Registers the clock as the host's TimeProvider when switched on; refuses it outside Development.</summary>
    public static bool TryRegister(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (!configuration.GetValue<bool>(SettingKey))
        {
            return false;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException($"{SettingKey} may be switched on only in the Development environment.");
        }

        services.AddSingleton<DevelopmentClock>();
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DevelopmentClock>());
        return true;
    }

    /// <summary><c>POST /_dev/clock</c> <c>{"advanceMinutes": n}</c> or <c>{"reset": true}</c>, from loopback only; mapped only when the clock is on.</summary>
    public static IEndpointRouteBuilder MapEndpoint(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<DevelopmentClock>() is null)
        {
            return endpoints;
        }

        endpoints.MapPost("/_dev/clock", (HttpContext http, ClockChange change, DevelopmentClock clock, ReminderSignal reminders, OutboxSignal outbox) =>
        {
            if (http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            {
                return Results.NotFound();
            }

            if (change.Reset)
            {
                clock.Reset();
            }
            else if (change.AdvanceMinutes is > 0 and <= 60 * 24 * 30)
            {
                clock.Advance(TimeSpan.FromMinutes(change.AdvanceMinutes.Value));
            }
            else
            {
                return Results.BadRequest();
            }

            reminders.Notify();
            outbox.Notify();
            return Results.Ok(new ClockState(clock.GetUtcNow(), clock.Offset.TotalMinutes));
        }).DisableAntiforgery();
        return endpoints;
    }

    public sealed record ClockChange(double? AdvanceMinutes, bool Reset);

    public sealed record ClockState(DateTimeOffset UtcNow, double OffsetMinutes);
}
