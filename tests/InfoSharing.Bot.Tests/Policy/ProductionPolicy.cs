using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Policy;

/// <summary>
/// The shipped policy with its emergency contacts filled in, as a DPO would before going live: the shipped file still
/// holds "[set by the DPO: …]" placeholders, which stop a host outside Development (domain §5). Tests that start a
/// host in Production point <c>Policy:Path</c> at this copy.
/// </summary>
public static class ProductionPolicy
{
    private static readonly Lazy<string> Written = new(() => Write(WithContacts(c => c["value"] = "0300 123 " + (4000 + c.GetElementIndex()).ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>A file with every emergency contact set to a real-looking number.</summary>
    public static string Path => Written.Value;

    /// <summary>The shipped policy's JSON with each contact changed by <paramref name="change"/>.</summary>
    public static string WithContacts(Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var root = JsonNode.Parse(File.ReadAllText(PolicyLoader.DefaultPath))!.AsObject();
        foreach (var contact in root["texts"]!["emergency"]!["contacts"]!.AsArray())
        {
            change(contact!.AsObject());
        }

        return root.ToJsonString();
    }

    public static string Write(string json)
    {
        var file = System.IO.Path.Combine(Directory.CreateTempSubdirectory("infosharing-policy-").FullName, "policy.json");
        File.WriteAllText(file, json);
        return file;
    }
}
