using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public enum LoopbackBehavior
{
    Respond,
    Hang,
    Abort,
}
