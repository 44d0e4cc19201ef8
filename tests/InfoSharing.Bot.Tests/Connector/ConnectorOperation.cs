using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>The six client operations as data, so one theory can drive them all.</summary>
public enum ConnectorOperation
{
    SendToConversation,
    ReplyToActivity,
    UpdateActivity,
    CreateConversation,
    GetMember,
    GetMembers,
}
