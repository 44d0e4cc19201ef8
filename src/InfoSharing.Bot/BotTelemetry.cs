using System.Diagnostics;

namespace InfoSharing.Bot;

/// <summary>
/// The bot's own trace spans (OpenTelemetry source <see cref="SourceName"/>): the turn, the decision workflow, each
/// outbox send and each connector call, as children of ASP.NET Core's request span. Attributes are identifiers the
/// bot makes (the request reference, the activity type, the operation), never personal data: no names, no text,
/// no user ids. Nothing is recorded unless a listener (the OTLP exporter) is attached.
/// </summary>
public static class BotTelemetry
{
    public const string SourceName = "InfoSharing.Bot";

    /// <summary>The request reference (e.g. <c>ISR-2026-0001</c>): the one attribute that links spans to a record.</summary>
    public const string ReferenceTag = "infosharing.reference";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span, or null when nobody listens (then tagging it costs nothing).</summary>
    public static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal) => Source.StartActivity(name, kind);

    /// <summary>Tags the current span with the request reference, when there is both.</summary>
    public static void TagReference(string? reference)
    {
        if (reference is { Length: > 0 })
        {
            Activity.Current?.SetTag(ReferenceTag, reference);
        }
    }
}
