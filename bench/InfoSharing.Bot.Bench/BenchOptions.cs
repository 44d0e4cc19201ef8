using System.Globalization;

namespace InfoSharing.Bot.Bench;

/// <summary>Command-line options. A shape's users and pause can be overridden; a run lasts seconds or a number of requests.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/InfoSharing.Bot.Bench -- [options]
          --shape realistic|saturated|both   load shape(s) to run (default both)
          --storage sqlite|postgres|both     the bot's database (default sqlite; postgres starts a throw-away cluster;
                                             both runs each shape on SQLite and then on PostgreSQL)
          --users N                          simulated practitioners (default: realistic 200, saturated 50)
          --pause-ms N                       mean pause between a practitioner's turns (default: realistic 1000, saturated 0)
          --pause-spread F                   each pause drawn uniformly from the mean × (1 ± F) (default: realistic 0.5;
                                             0 = the same pause every time, which lets users bunch into waves)
          --seconds S                        measured seconds per shape, after the warm-up (default 15)
          --requests N                       instead of seconds: submit N requests per shape (warm-up included)
          --warmup-seconds S                 not measured at the start of each shape (default 25)
          --approvers N                      concurrent approver sessions (default 4)
          --json PATH                        where to write the JSON report (default artifacts/bench/result.json)
          --publish on|off                   on (default): `dotnet publish -c Release` the bot (ReadyToRun, as it is deployed)
                                             into artifacts/bench/bot and run that; off: run the build output
                                             (src/InfoSharing.Bot/bin/Release/net10.0, JIT-compiled at start)
          --bot-dir PATH                     run this build of the bot instead (e.g. an older commit's publish)
          --ceiling on|off                   also run the bare ASP.NET Core ceiling target per shape (default on)
          --ceiling-warmup-seconds S         the ceiling's warm-up (default 5; it has little to compile)
          --alloc-profile on                 also print the bot's sampled allocations by type (a profile, not a figure)
          --server-timing on                 also the bot's own time per request, from its request log
        """;

    public IReadOnlyList<LoadShape> Shapes { get; init; } = [LoadShape.Realistic, LoadShape.Saturated];
    public string Storage { get; init; } = "sqlite";
    public double Seconds { get; init; } = 15;
    public int? Requests { get; init; }
    public double WarmupSeconds { get; init; } = 25;
    public int Approvers { get; init; } = 4;
    public string? JsonPath { get; init; }
    public string? BotDirectory { get; init; }
    public bool AllocationProfile { get; init; }

    /// <summary>Also record the bot's own time per message request, from its request log (<c>--server-timing on</c>).</summary>
    public bool ServerTiming { get; init; }
    public bool Ceiling { get; init; } = true;
    /// <summary>Run the bot as deployed: its ReadyToRun publish, not the build output (<c>--publish off</c>).</summary>
    public bool Publish { get; init; } = true;
    public double CeilingWarmupSeconds { get; init; } = 5;

    public static BenchOptions? Parse(string[] args, TextWriter errors)
    {
        var options = new BenchOptions();
        int? users = null;
        int? pause = null;
        double? spread = null;
        var shape = "both";
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                errors.WriteLine($"{name} needs a value");
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--shape": shape = value; break;
                case "--storage": options = options with { Storage = value }; break;
                case "--users": users = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--pause-ms": pause = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--pause-spread": spread = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seconds": options = options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--requests": options = options with { Requests = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--warmup-seconds": options = options with { WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--approvers": options = options with { Approvers = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--json": options = options with { JsonPath = value }; break;
                case "--bot-dir": options = options with { BotDirectory = value }; break;
                case "--publish": options = options with { Publish = value == "on" }; break;
                case "--ceiling": options = options with { Ceiling = value != "off" }; break;
                case "--ceiling-warmup-seconds": options = options with { CeilingWarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--alloc-profile": options = options with { AllocationProfile = value == "on" }; break;
                case "--server-timing": options = options with { ServerTiming = value == "on" }; break;
                default:
                    errors.WriteLine($"unknown option {name}");
                    return null;
            }
        }

        if (options.Storage is not ("sqlite" or "postgres" or "both"))
        {
            errors.WriteLine("--storage is sqlite, postgres or both");
            return null;
        }

        IReadOnlyList<LoadShape>? shapes = shape switch
        {
            "both" => [LoadShape.Realistic, LoadShape.Saturated],
            "realistic" => [LoadShape.Realistic],
            "saturated" => [LoadShape.Saturated],
            _ => null,
        };
        if (shapes is null)
        {
            errors.WriteLine("--shape is realistic, saturated or both");
            return null;
        }

        return options with
        {
            Shapes = [.. shapes.Select(s => s with { Users = users ?? s.Users, PauseMs = pause ?? s.PauseMs, PauseSpread = spread ?? s.PauseSpread })],
        };
    }
}
