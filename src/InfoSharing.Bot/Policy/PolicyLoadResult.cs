namespace InfoSharing.Bot.Policy;

/// <summary>The outcome of loading policy.json: the document when valid, otherwise every error found.</summary>
public sealed record PolicyLoadResult
{
    public PolicyDocument? Policy { get; init; }

    public IReadOnlyList<string> Errors { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public bool IsValid => Policy is not null && Errors.Count == 0;
}
