using System.Globalization;

namespace InfoSharing.Bot.LoadTest;

// dotnet run -c Release --project tools/LoadTest -- [--turns 10000] [--conversations 200] [--fault-rate 0.01]
//   [--redelivery-rate 0.01] [--seed N] [--kill-at 400,700] [--max-minutes 20] [--dir <folder>] [--approvers 8]
//   [--postgres auto|"<connection string>"] [--instances 2]
// Loopback only: the bot (built beside this tool) runs as a child process on 127.0.0.1, the fake connector in this process.
internal static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--turns" => options with { Turns = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--conversations" => options with { Conversations = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--fault-rate" => options with { FaultRate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--redelivery-rate" => options with { RedeliveryRate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--kill-at" => options with { KillAtTurns = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--max-minutes" => options with { MaxDuration = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--postgres" => options with { PostgresConnectionString = Next() },
                "--dir" => options with { WorkDirectory = Next() },
                "--instances" => options with { Instances = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--approvers" => options with { Approvers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (options.Turns is < 1 or > 100_000 || options.Conversations is < 1 or > 1000 || options.Instances is < 1 or > 4)
        {
            Console.Error.WriteLine("--turns must be 1..100000, --conversations 1..1000, --instances 1..4");
            return 2;
        }

        if (options.Instances > 1 && options.PostgresConnectionString is null)
        {
            Console.Error.WriteLine("more than one instance needs PostgreSQL: --postgres auto (a throw-away cluster) or a connection string");
            return 2;
        }

        await using var postgres = options.PostgresConnectionString == "auto" ? await TempPostgres.StartAsync() : null;
        if (postgres is not null)
        {
            options = options with { PostgresConnectionString = postgres.ConnectionString };
        }

        Console.WriteLine($"load test on {Environment.ProcessorCount} cores");
        var report = await new LoadRunner(options, Console.Out).RunAsync(CancellationToken.None);
        Console.WriteLine(report);
        return report.Passed ? 0 : 1;
    }
}
