using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>Thrown by <see cref="LoopbackConnector"/> when a request arrived that no route was scripted to answer.</summary>
public sealed class LoopbackUnexpectedCallException(string message) : Exception(message);
