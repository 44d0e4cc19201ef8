using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// A deterministic (seeded) corpus of bad and odd activities: truncated JSON, wrong types, huge strings, deep nesting,
/// unknown types, missing ids, hostile serviceUrls, <c>value</c> as a string or an array, invokes without an action, and
/// mutations of every well-formed activity the bot handles. Hostile hosts are only ever 127.0.0.2 or <c>.invalid</c> names.
/// </summary>
public static class FuzzCorpus
{
    private static readonly string[] Fields =
    [
        "type", "id", "serviceUrl", "channelId", "from", "recipient", "conversation", "text", "value", "name", "entities",
        "channelData", "replyToId", "timestamp", "membersAdded", "attachments", "locale", "textFormat",
    ];

    private static readonly string[] Types = ["message", "invoke", "conversationUpdate", "installationUpdate", "event", "typing", "messageReaction", "endOfConversation", "deleteUserData", "x-unknown", "MESSAGE", "", " "];

    private static readonly string[] InvokeNames = ["adaptiveCard/action", "task/fetch", "composeExtension/query", "signin/verifyState", "fileConsent/invoke", "", "adaptiveCard/action ", "ADAPTIVECARD/ACTION"];

    private static readonly string[] Texts = ["help", "new request", "my requests", "back", "cancel", "restart", "records", "register approvers", "register approvers here", "", "   ", "\u0000", "<at>InfoSharing Bot</at>", "🙂🙃", "\u202Eevil", "NHS 943 476 5919", "DROP TABLE requests;--"];

    public static IReadOnlyList<FuzzCase> Generate(int seed, int count, string serviceUrl, IReadOnlyList<string> hostileServiceUrls)
    {
        var random = new Random(seed);
        var cases = new List<FuzzCase>(count);
        var generators = new Func<Random, string, IReadOnlyList<string>, FuzzCase>[]
        {
            Truncated, WrongType, Missing, HostileServiceUrl, ValueShapes, InvokeShapes, UnknownType, DeepNesting, HugeString,
            NotJson, RandomMessage, ChannelMessage, MembersAdded, GarbageSubmit, DuplicateKeys,
        };
        for (var i = 0; i < count; i++)
        {
            cases.Add(generators[i % generators.Length](random, serviceUrl, hostileServiceUrls));
        }

        return cases;
    }

    /// <summary>A property name repeated inside entities, channelData, value or at the top (valid JSON for many parsers).</summary>
    private static FuzzCase DuplicateKeys(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var json = Valid(r, serviceUrl).ToJsonString();
        string[] shapes =
        [
            "\"entities\":[{\"type\":\"mention\",\"type\":\"clientInfo\",\"text\":\"<at>InfoSharing Bot</at>\"}]",
            "\"channelData\":{\"tenant\":{\"id\":\"tenant-1\",\"id\":\"tenant-2\"}}",
            "\"value\":{\"action\":\"submit\",\"action\":\"cancel\"}",
            "\"text\":\"help\",\"text\":\"records\"",
            "\"value\":{\"action\":{\"verb\":\"approve\",\"data\":{\"requestId\":\"x\",\"requestId\":\"y\"}}}",
        ];
        return new FuzzCase("duplicate keys", Encoding.UTF8.GetBytes(json[..^1] + "," + shapes[r.Next(shapes.Length)] + "}"));
    }

    private static FuzzCase Truncated(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var json = Encoding.UTF8.GetBytes(Valid(r, serviceUrl).ToJsonString());
        return new FuzzCase("truncated", json[..r.Next(0, json.Length - 1)]);
    }

    private static FuzzCase WrongType(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl);
        var field = Fields[r.Next(Fields.Length)];
        var target = r.Next(4) switch
        {
            0 => activity,
            1 => activity["conversation"] as JsonObject ?? activity,
            2 => activity["from"] as JsonObject ?? activity,
            _ => activity["value"] as JsonObject ?? activity,
        };
        target[r.Next(3) == 0 ? (r.Next(2) == 0 ? "id" : "action") : field] = AnyValue(r, 0);
        return Json("wrong type of " + field, activity);
    }

    private static FuzzCase Missing(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl);
        var removed = r.Next(6) switch
        {
            0 => Remove(activity, "id"),
            1 => Remove(activity, "conversation"),
            2 => Remove(activity["conversation"] as JsonObject, "id"),
            3 => Remove(activity, "serviceUrl"),
            4 => Remove(activity, "from"),
            _ => Remove(activity, "type"),
        };
        return Json("missing " + removed, activity);
    }

    private static FuzzCase HostileServiceUrl(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl);
        activity["serviceUrl"] = hostile[r.Next(hostile.Count)];
        return Json("hostile serviceUrl", activity);
    }

    private static FuzzCase ValueShapes(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl, type: r.Next(2) == 0 ? "message" : "invoke");
        activity["value"] = r.Next(6) switch
        {
            0 => "a string",
            1 => new JsonArray(1, "two", new JsonObject()),
            2 => 42,
            3 => null,
            4 => new JsonObject { ["action"] = "submit", ["step"] = "nine", ["draftRevision"] = new JsonArray(), ["dialogVersion"] = 1e308 },
            _ => new JsonObject { ["verb"] = "approve", ["requestId"] = r.Next(2) == 0 ? "not-a-guid" : Guid.NewGuid().ToString() },
        };
        return Json("value shape", activity);
    }

    private static FuzzCase InvokeShapes(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl, type: "invoke");
        activity["name"] = InvokeNames[r.Next(InvokeNames.Length)];
        var action = new JsonObject
        {
            ["type"] = r.Next(4) == 0 ? "Action.Submit" : "Action.Execute",
            ["verb"] = r.Next(8) switch { 0 => "approve", 1 => "decline", 2 => "moreInfo", 3 => "conflict", 4 => "details", 5 => "refresh", 6 => null, _ => "rm -rf" },
            ["data"] = r.Next(5) switch
            {
                0 => new JsonObject { ["requestId"] = Guid.NewGuid().ToString(), ["reasonCode"] = AnyValue(r, 0), ["reason"] = new string('x', r.Next(0, 5000)) },
                1 => "data as a string",
                2 => new JsonArray(),
                3 => null,
                _ => new JsonObject { ["requestId"] = AnyValue(r, 0) },
            },
        };
        activity["value"] = r.Next(4) switch
        {
            0 => new JsonObject { ["trigger"] = "manual" }, // no action
            1 => new JsonObject { ["action"] = "approve" },
            2 => new JsonObject { ["action"] = action, ["trigger"] = r.Next(2) == 0 ? "automatic" : AnyValue(r, 0) },
            _ => new JsonObject { ["action"] = action },
        };
        return Json("invoke shape", activity);
    }

    private static FuzzCase UnknownType(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl);
        activity["type"] = r.Next(3) == 0 ? Types[r.Next(Types.Length)] : "x-" + Guid.NewGuid().ToString("N")[..8];
        return Json("unknown type", activity);
    }

    private static FuzzCase DeepNesting(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var depth = r.Next(2) == 0 ? r.Next(10, 60) : r.Next(65, 5000);
        var open = r.Next(2) == 0 ? "{\"a\":" : "[";
        var close = open == "[" ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var activity = Valid(r, serviceUrl).ToJsonString();
        var field = r.Next(3) switch { 0 => "value", 1 => "channelData", _ => "entities" };
        var json = activity[..^1] + $",\"{field}\":{nested}}}";
        return new FuzzCase($"nesting {depth} in {field}", Encoding.UTF8.GetBytes(json));
    }

    private static FuzzCase HugeString(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl);
        var size = r.Next(3) switch { 0 => r.Next(10_000, 200_000), 1 => r.Next(250_000, 400_000), _ => r.Next(1_000, 50_000) };
        var field = r.Next(4) switch { 0 => "text", 1 => "id", 2 => "serviceUrl", _ => "name" };
        activity[field] = new string((char)('a' + r.Next(26)), size);
        return Json($"huge {field} ({size} chars)", activity);
    }

    private static FuzzCase NotJson(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var bodies = new[] { "", "null", "[]", "123", "\"message\"", "{}", "{\"type\":null}", "{\"type\":1}", "<xml/>", "{'type':'message'}", "{\"type\":\"message\",}", "\uFEFF{\"type\":\"message\"}" };
        if (r.Next(3) == 0)
        {
            var bytes = new byte[r.Next(1, 512)];
            r.NextBytes(bytes);
            return new FuzzCase("random bytes", bytes);
        }

        return new FuzzCase("not an activity", Encoding.UTF8.GetBytes(bodies[r.Next(bodies.Length)]));
    }

    private static FuzzCase RandomMessage(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl, type: "message");
        activity["text"] = Texts[r.Next(Texts.Length)] + (r.Next(3) == 0 ? new string('!', r.Next(100)) : "");
        return Json("message text", activity);
    }

    private static FuzzCase ChannelMessage(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl, type: "message");
        activity["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = r.Next(2) == 0 ? "channel" : "groupChat", ["id"] = "19:fuzz@thread.tacv2" };
        activity["text"] = "<at>InfoSharing Bot</at> " + Texts[r.Next(Texts.Length)];
        activity["entities"] = r.Next(4) switch
        {
            3 => new JsonArray(null, new JsonObject { ["type"] = "mention", ["text"] = "<at>InfoSharing Bot</at>" }),
            0 => new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = AnyValue(r, 0), ["mentioned"] = AnyValue(r, 0) }),
            1 => new JsonObject { ["type"] = "mention" },
            _ => new JsonArray(null, 1, "x"),
        };
        activity["channelData"] = r.Next(2) == 0 ? "channel data as a string" : new JsonObject { ["team"] = AnyValue(r, 0), ["channel"] = new JsonObject { ["id"] = AnyValue(r, 0) }, ["tenant"] = AnyValue(r, 0) };
        return Json("channel message", activity);
    }

    private static FuzzCase MembersAdded(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl, type: r.Next(2) == 0 ? "conversationUpdate" : "installationUpdate");
        activity["membersAdded"] = r.Next(3) switch
        {
            0 => new JsonArray(new JsonObject { ["id"] = "28:infosharing-bot" }, null, new JsonObject { ["id"] = AnyValue(r, 0) }),
            1 => "everyone",
            _ => new JsonArray(Enumerable.Range(0, r.Next(0, 300)).Select(i => (JsonNode?)new JsonObject { ["id"] = $"29:m{i}" }).ToArray()),
        };
        activity["action"] = AnyValue(r, 0);
        return Json("members added", activity);
    }

    private static FuzzCase GarbageSubmit(Random r, string serviceUrl, IReadOnlyList<string> hostile)
    {
        var activity = Valid(r, serviceUrl, type: "message");
        var value = new JsonObject
        {
            ["action"] = r.Next(7) switch { 0 => "submit", 1 => "back", 2 => "edit", 3 => "newRequest", 4 => "answerMoreInfo", 5 => "cancel", _ => AnyValue(r, 0) },
            ["step"] = r.Next(2) == 0 ? r.Next(-5, 15) : AnyValue(r, 0),
            ["draftId"] = AnyValue(r, 0),
            ["draftRevision"] = AnyValue(r, 0),
            ["dialogVersion"] = r.Next(2) == 0 ? 1 : AnyValue(r, 0),
            ["section"] = AnyValue(r, 0),
            ["requestId"] = r.Next(2) == 0 ? Guid.NewGuid().ToString() : AnyValue(r, 0),
        };
        for (var i = 0; i < r.Next(0, 8); i++)
        {
            value[Fields[r.Next(Fields.Length)] + i.ToString(CultureInfo.InvariantCulture)] = AnyValue(r, 0);
        }

        activity["value"] = value;
        return Json("card submit", activity);
    }

    private static JsonObject Valid(Random r, string serviceUrl, string? type = null)
    {
        var n = r.Next(1, 20);
        return new JsonObject
        {
            ["type"] = type ?? (r.Next(3) == 0 ? "invoke" : "message"),
            ["name"] = "adaptiveCard/action",
            ["id"] = Guid.NewGuid().ToString(),
            ["timestamp"] = "2026-11-24T09:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = r.Next(10) == 0 ? "emulator" : "msteams",
            ["from"] = new JsonObject { ["id"] = $"29:fuzz-{n}", ["name"] = "Fuzz", ["aadObjectId"] = $"00000000-0000-4000-9000-{n:000000000000}" },
            ["recipient"] = new JsonObject { ["id"] = "28:infosharing-bot", ["name"] = "InfoSharing Bot" },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = "tenant-1", ["id"] = $"a:fuzz-{n}" },
            ["text"] = Texts[r.Next(Texts.Length)],
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        };
    }

    private static JsonNode? AnyValue(Random r, int depth) => r.Next(depth > 2 ? 6 : 9) switch
    {
        0 => null,
        1 => r.Next(2) == 0,
        2 => r.Next(int.MinValue, int.MaxValue),
        3 => r.NextDouble() * 1e300,
        4 => "",
        5 => new string('\u00e9', r.Next(0, 300)),
        6 => new JsonArray(AnyValue(r, depth + 1), AnyValue(r, depth + 1)),
        7 => new JsonObject { ["k"] = AnyValue(r, depth + 1), ["id"] = AnyValue(r, depth + 1) },
        _ => Guid.NewGuid().ToString(),
    };

    private static string Remove(JsonObject? o, string name)
    {
        o?.Remove(name);
        return name;
    }

    private static FuzzCase Json(string kind, JsonObject activity) => new(kind, Encoding.UTF8.GetBytes(activity.ToJsonString()));
}
