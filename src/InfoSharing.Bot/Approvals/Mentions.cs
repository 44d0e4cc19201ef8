using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Approvals;

/// <summary>Teams @mentions in an outbound message: the <c>&lt;at&gt;name&lt;/at&gt;</c> text and its mention entity (protocol.md §5.1).</summary>
public static class Mentions
{
    /// <summary>The most people one notice mentions.</summary>
    public const int Max = 20;

    public static JsonObject Entity(string userId, string name) => new()
    {
        ["type"] = "mention",
        ["text"] = $"<at>{name}</at>",
        ["mentioned"] = new JsonObject { ["id"] = userId, ["name"] = name },
    };

    /// <summary>The text that mentions these people (adding their entities); those with no Teams user id (not in the team) are counted.</summary>
    public static string Append(IReadOnlyList<MentionTarget> people, List<JsonObject> entities)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(entities);
        var parts = new List<string>();
        foreach (var person in people.Where(p => p.UserId is not null).Take(Max))
        {
            var entity = Entity(person.UserId!, person.Name);
            entities.Add(entity);
            parts.Add(entity["text"]!.GetValue<string>());
        }

        var missing = people.Count(p => p.UserId is null);
        if (missing > 0)
        {
            parts.Add(missing == 1 ? "(1 more who may decide is not in the approvers' team, so could not be mentioned.)"
                : $"({missing} more who may decide are not in the approvers' team, so could not be mentioned.)");
        }

        return parts.Count == 0 ? string.Empty : "\n\n" + string.Join(" ", parts);
    }
}
