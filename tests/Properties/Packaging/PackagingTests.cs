using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using SparseIhtVerify.Properties.Support;
using Xunit;

namespace SparseIhtVerify.Properties;

/// <summary>
/// The CLI packs as a .NET tool and installs from a local folder: a copy of the sources is packed (<c>dotnet pack</c>),
/// installed into a temporary tool path (<c>dotnet tool install --tool-path … --add-source …</c>) and its <c>audit</c>
/// runs to <c>consistent</c>; the packages carry the licence expression, the readme, a description and the LICENSE file.
/// </summary>
[Collection("Serial")]
public sealed class PackagingTests
{
    private const string Version = "0.0.0-test";

    [Fact]
    public void TheToolPacksInstallsAndAudits()
    {
        using var folder = new TemporaryDirectory();
        string source = Path.Combine(folder.Path, "source"), artifacts = Path.Combine(folder.Path, "artifacts"), tools = Path.Combine(folder.Path, "tools");
        CopySources(Root(), source);
        foreach (string project in new[] { "src/Cli/Cli.csproj", "src/Solver/Solver.csproj" })
        {
            // A copy is not a git work tree, so the version is given (MinVer reads it from the tags in a clone).
            Run("dotnet", $"pack {project} -c Release -o {artifacts} -p:MinVerVersionOverride={Version}", source);
        }

        Run("dotnet", $"tool install --tool-path {tools} --add-source {artifacts} sparse-iht --version {Version}", folder.Path);
        string output = Run(Path.Combine(tools, "sparse-iht"), "audit --quiet", folder.Path);
        Assert.EndsWith("consistent", output.TrimEnd(), StringComparison.Ordinal);

        foreach (string package in new[] { $"sparse-iht.{Version}.nupkg", $"SparseIhtVerify.Solver.{Version}.nupkg" })
        {
            using ZipArchive zip = ZipFile.OpenRead(Path.Combine(artifacts, package));
            XElement metadata = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{package} has no description");
            Assert.Contains(zip.Entries, e => e.FullName == "LICENSE");
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        }
    }

    // The sources a pack needs: src/, the shared build files, the readme and the licence (no build outputs).
    private static void CopySources(string root, string destination)
    {
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "README.md", "LICENSE" })
        {
            Directory.CreateDirectory(destination);
            File.Copy(Path.Combine(root, file), Path.Combine(destination, file));
        }

        string src = Path.Combine(root, "src");
        foreach (string file in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(src, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            string target = Path.Combine(destination, "src", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    // Runs a process to completion (at most five minutes) and returns its standard output; fails with both streams otherwise.
    private static string Run(string file, string arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{file} {arguments} did not finish in five minutes");
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return output.Result;
    }

    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
