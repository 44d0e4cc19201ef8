using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Cards;

/// <summary>Texts the bot says outside the practitioner's dialog: the channel introduction and help.</summary>
public static class HostCards
{
    public const string ChannelHelp =
        "**InfoSharing in the approvers' channel**\n\n"
        + "- `register approvers`: use this channel for approval cards (only the configured channel, or an administrator).\n"
        + "- `records`: counts of requests by status, and where auditors export the records.\n"
        + "- `repost ISR-YYYY-NNNN`: post a request's approval card again, when the bot said its post failed.\n"
        + "- `reassign ISR-YYYY-NNNN to <name, DPO or Prevent lead>`: hand a request on to someone who may decide it (they are @mentioned in its thread).\n"
        + "- `away until <date> cover <colleague>`: while you are away your colleague may decide what you could, and gets your reminders; `back` ends it.\n"
        + "- `help`: this text.\n\n"
        + "Each request arrives as its own thread with Approve, Approve in part, Decline, Ask for more information, Declare a conflict and Reassign. "
        + "The card shows no free text about the person; **Details** shows you the full answers and is recorded in the audit trail.";

    public static JsonObject ChannelIntroduction(bool registered) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = "InfoSharing is in this team", ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["wrap"] = true,
                ["text"] = registered
                    ? "This channel is now the approvers' channel: information-sharing requests will be posted here for a decision."
                    : "To make a channel the approvers' channel, mention the bot there and type: register approvers.",
            },
        },
    };
}
