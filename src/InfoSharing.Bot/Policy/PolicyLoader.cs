using System.Text.Json;

namespace InfoSharing.Bot.Policy;

/// <summary>
/// Loads and validates policy.json. The host calls <see cref="Load"/> at start-up (it throws with every
/// error listed) or <see cref="LoadFromFile"/> to handle the errors itself. A DPO edits the file without a rebuild.
/// </summary>
public static class PolicyLoader
{
    /// <summary>Where the file is copied in the build output.</summary>
    public const string RelativePath = "Policy/policy.json";

    /// <summary>The shipped policy next to the running assembly.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Policy", "policy.json");

    /// <summary>Loads, validates and returns the policy, or throws <see cref="PolicyValidationException"/> listing every error.</summary>
    public static PolicyDocument Load(string path)
    {
        var result = LoadFromFile(path);
        return result.IsValid && result.Policy is not null
            ? result.Policy
            : throw new PolicyValidationException(path, result.Errors);
    }

    public static PolicyLoadResult LoadFromFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new PolicyLoadResult { Errors = [$"Cannot read the policy file '{path}': {ex.Message}"] };
        }

        return Parse(json);
    }

    /// <summary>Parses and validates policy JSON text.</summary>
    public static PolicyLoadResult Parse(string json)
    {
        PolicyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, PolicyJsonContext.Default.PolicyDocument);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $" at {ex.Path}";
            var line = ex.LineNumber is null ? "" : $" (line {ex.LineNumber + 1})";
            return new PolicyLoadResult { Errors = [$"The policy is not valid JSON{where}{line}: {ex.Message}"] };
        }

        if (document is null)
        {
            return new PolicyLoadResult { Errors = ["The policy is empty (null)."] };
        }

        var errors = PolicyValidator.Validate(document);
        return new PolicyLoadResult { Policy = errors.Count == 0 ? document : null, Errors = errors };
    }
}
