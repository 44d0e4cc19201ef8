namespace InfoSharing.Bot.Tests;

/// <summary>The repository the tests run from: the folder above the test binaries that holds InfoSharing.Bot.sln.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string?> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "InfoSharing.Bot.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    });

    /// <summary>The repository root, or null when the tests run outside a checkout.</summary>
    public static string? TryRoot => Found.Value;

    public static string Root => Found.Value ?? throw new DirectoryNotFoundException("InfoSharing.Bot.sln not found above " + AppContext.BaseDirectory);
}
