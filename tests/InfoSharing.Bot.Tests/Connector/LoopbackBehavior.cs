namespace InfoSharing.Bot.Tests.Connector;

public enum LoopbackBehavior
{
    Respond,
    Hang,
    Abort,
}
