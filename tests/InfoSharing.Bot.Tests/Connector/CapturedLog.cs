using Microsoft.Extensions.Logging;

namespace InfoSharing.Bot.Tests.Connector;

public sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
