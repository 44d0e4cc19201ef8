// Scaffolds EF Core migrations for both providers without the dotnet-ef tool (which this
// environment's package source does not serve). Usage, from the repository root:
//   dotnet run --project tools/MigrationsTool -- add <MigrationName>
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args is not ["add", var name])
{
    Console.Error.WriteLine("usage: dotnet run --project tools/MigrationsTool -- add <MigrationName>");
    return 2;
}

var root = FindRepositoryRoot();
var project = Path.Combine(root, "src", "InfoSharing.Bot");
var assembly = typeof(BotDbContext).Assembly;
var assemblyName = assembly.GetName().Name!;

Scaffold(new SqliteBotDbContext(new DbContextOptionsBuilder<SqliteBotDbContext>()
    .UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly(assemblyName)).Options), "Sqlite");
Scaffold(new PostgresBotDbContext(new DbContextOptionsBuilder<PostgresBotDbContext>()
    .UseNpgsql("Host=127.0.0.1", o => o.MigrationsAssembly(assemblyName)).Options), "Postgres");
return 0;

void Scaffold(BotDbContext context, string provider)
{
    using (context)
    {
        var reporter = new OperationReporter(new OperationReportHandler(
            e => Console.Error.WriteLine(e), w => Console.Error.WriteLine(w), i => Console.WriteLine(i), v => { }));
        var services = new DesignTimeServicesBuilder(assembly, assembly, reporter, []).Build(context);
        var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
        var migration = scaffolder.ScaffoldMigration(name, "InfoSharing.Bot", $"Storage.Migrations.{provider}", "C#");
        var files = scaffolder.Save(project, migration, Path.Combine(project, "Storage", "Migrations", provider));
        Console.WriteLine($"{provider}: {files.MigrationFile}");
    }
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "InfoSharing.Bot.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository (InfoSharing.Bot.sln not found).");
}
