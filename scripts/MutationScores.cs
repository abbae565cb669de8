// Prints the mutation score of every mutated file in Stryker.NET JSON reports (mutation-report.json), one row per file:
// score = (killed + timeout) / (killed + timeout + survived + no coverage), and lists the surviving mutants with their
// line and replacement, so each can be reviewed as equivalent or killed by a new property.
// Usage: dotnet run scripts/MutationScores.cs -- StrykerOutput/<area>/reports/mutation-report.json [...]
using System.Text.Json;

var rows = new List<(string File, int Killed, int Timeout, int Survived, int NoCoverage, List<string> Survivors)>();
foreach (string path in args)
{
    using JsonDocument report = JsonDocument.Parse(File.ReadAllText(path));
    foreach (JsonProperty file in report.RootElement.GetProperty("files").EnumerateObject())
    {
        int killed = 0, timeout = 0, survived = 0, none = 0;
        var survivors = new List<string>();
        foreach (JsonElement mutant in file.Value.GetProperty("mutants").EnumerateArray())
        {
            string status = mutant.GetProperty("status").GetString() ?? "";
            switch (status)
            {
                case "Killed": killed++; break;
                case "Timeout": timeout++; break;
                case "Survived":
                case "NoCoverage":
                    if (status == "Survived") survived++; else none++;
                    int line = mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32();
                    string replacement = mutant.TryGetProperty("replacement", out JsonElement r) ? r.GetString() ?? "" : "";
                    string mutator = mutant.TryGetProperty("mutatorName", out JsonElement m) ? m.GetString() ?? "" : "";
                    survivors.Add($"    {status,-10} line {line,4}  {mutator}: {(replacement.Length > 100 ? replacement[..100] + "…" : replacement)}");
                    break;
            }
        }

        if (killed + timeout + survived + none > 0)
        {
            rows.Add((Path.GetRelativePath(Directory.GetCurrentDirectory(), file.Name), killed, timeout, survived, none, survivors));
        }
    }
}

Console.WriteLine($"{"file",-60} {"score",7} {"killed",7} {"timeout",8} {"survived",9} {"no cov.",8}");
foreach (var row in rows.OrderBy(r => r.File, StringComparer.Ordinal))
{
    int detected = row.Killed + row.Timeout, total = detected + row.Survived + row.NoCoverage;
    Console.WriteLine($"{row.File,-60} {100.0 * detected / total,6:F1}% {row.Killed,7} {row.Timeout,8} {row.Survived,9} {row.NoCoverage,8}");
}

Console.WriteLine();
foreach (var row in rows.Where(r => r.Survivors.Count > 0).OrderBy(r => r.File, StringComparer.Ordinal))
{
    Console.WriteLine(row.File);
    row.Survivors.ForEach(Console.WriteLine);
}
