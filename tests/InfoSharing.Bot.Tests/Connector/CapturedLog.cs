using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
