using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.FSharp.Core;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("SparseIhtVerify.Properties.RegressionReplayFirst", "SparseIhtVerify.Properties")]

namespace SparseIhtVerify.Properties;

/// <summary>One line of <c>regressions.txt</c>: a property, the FsCheck replay seed it failed with, and why.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Property">The property method's name, optionally qualified by its class name.</param>
/// <param name="Seed">FsCheck's seed.</param>
/// <param name="Gamma">FsCheck's gamma (always odd).</param>
/// <param name="Size">The size of the failing case ("Last step was invoked with size of …"), or null to replay the whole run.</param>
/// <param name="Comment">Why the seed is there.</param>
public sealed partial record RegressionEntry(int Line, string Property, ulong Seed, ulong Gamma, int? Size, string Comment)
{
    /// <summary>The replay as FsCheck prints it.</summary>
    public string Replay => Size is int size ? $"({Seed},{Gamma},{size})" : $"({Seed},{Gamma})";

    /// <summary>
    /// Parses <c>Name (seed,gamma[,size])  # comment</c>; returns null for blank and comment lines, and an error for a
    /// malformed line, an even gamma (FsCheck never prints one, and it would crash the test host) or a missing comment.
    /// </summary>
    public static (RegressionEntry? Entry, string? Error) Parse(int line, string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#'))
        {
            return (null, null);
        }

        Match m = Syntax().Match(trimmed);
        if (!m.Success)
        {
            return (null, $"regressions.txt line {line}: expected 'PropertyMethodName (seed,gamma)  # why, date' or '… (seed,gamma,size)  # …', got '{trimmed}'");
        }

        if (!ulong.TryParse(m.Groups["seed"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            || !ulong.TryParse(m.Groups["gamma"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong gamma))
        {
            return (null, $"regressions.txt line {line}: seed and gamma must be integers in [0, 2^64), got ({m.Groups["seed"].Value},{m.Groups["gamma"].Value})");
        }

        if (gamma % 2 == 0)
        {
            return (null, $"regressions.txt line {line}: gamma {gamma} is even; FsCheck only prints odd gammas (an even one crashes the test host with 'Gamma must be odd'). Copy the pair exactly as FsCheck printed it.");
        }

        int? size = null;
        if (m.Groups["size"].Success)
        {
            if (!int.TryParse(m.Groups["size"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                return (null, $"regressions.txt line {line}: size must be an integer in [0, {int.MaxValue}], got {m.Groups["size"].Value}");
            }

            size = parsed;
        }

        string comment = m.Groups["comment"].Value.Trim();
        if (comment.Length == 0)
        {
            return (null, $"regressions.txt line {line}: add a comment after '#' saying what failed and when");
        }

        return (new RegressionEntry(line, m.Groups["name"].Value, seed, gamma, size, comment), null);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][\w.]*)\s+\(\s*(?<seed>\d+)\s*,\s*(?<gamma>\d+)\s*(?:,\s*(?<size>\d+)\s*)?\)\s*(?:#(?<comment>.*))?$")]
    private static partial Regex Syntax();
}

/// <summary>
/// Replays every seed in <c>regressions.txt</c> (beside this file) against its property, with the property's own
/// MaxTest, StartSize, EndSize, MaxRejected and Arbitrary settings, on every test run. xUnit has no ordering across test
/// classes, so this is its own test, in its own collection, which <see cref="RegressionReplayFirst"/> schedules before
/// every other collection of this assembly: it starts first, but the random cases of the other properties run beside
/// it rather than after it. A failing replay fails this test with the line, the property and FsCheck's report.
/// </summary>
[Collection(Name)]
public sealed class RegressionReplay
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Regression replay";

    /// <summary>The file, beside this source file.</summary>
    public static string FilePath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "regressions.txt");

    /// <summary>Every non-comment line with its number (a single placeholder row when there are none, so the theory has data).</summary>
    public static TheoryData<int, string> Lines
    {
        get
        {
            var data = new TheoryData<int, string>();
            string[] lines = File.ReadAllLines(FilePath());
            for (int i = 0; i < lines.Length; i++)
            {
                string trimmed = lines[i].Trim();
                if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
                {
                    data.Add(i + 1, trimmed);
                }
            }

            if (data.Count == 0)
            {
                data.Add(0, "(no entries)");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void RecordedFailureStaysFixed(int line, string text)
    {
        if (line == 0)
        {
            return;
        }

        (RegressionEntry? entry, string? error) = RegressionEntry.Parse(line, text);
        Assert.True(error is null, error);
        MethodInfo method = FindProperty(entry!);
        Config config = ConfigFor(method, entry!);
        object? target = method.IsStatic ? null : CreateInstance(method.DeclaringType!, entry!);
        try
        {
            Check.Method(config, method, target is null ? FSharpOption<object>.None : FSharpOption<object>.Some(target));
        }
        catch (Exception e)
        {
            while (e is TargetInvocationException { InnerException: { } inner })
            {
                e = inner;
            }

            throw new XunitException($"regressions.txt line {entry!.Line}: {method.DeclaringType!.Name}.{method.Name} fails again with replay {entry.Replay} ({entry.Comment}):{Environment.NewLine}{e.Message}");
        }
    }

    [Fact]
    public void MalformedLinesAreRejectedWithAMessage()
    {
        Assert.Contains("is even", RegressionEntry.Parse(3, "SomeProperty (123,8278871109656682176)  # even gamma").Error);
        Assert.Contains("add a comment", RegressionEntry.Parse(3, "SomeProperty (123,7)").Error);
        Assert.Contains("expected", RegressionEntry.Parse(3, "SomeProperty 123,7  # no brackets").Error);
        Assert.Contains("seed and gamma", RegressionEntry.Parse(3, "SomeProperty (99999999999999999999,7)  # seed too large").Error);
        (RegressionEntry? entry, string? error) = RegressionEntry.Parse(4, "Class.SomeProperty (123, 7, 42)  # fine");
        Assert.Null(error);
        Assert.Equal(new RegressionEntry(4, "Class.SomeProperty", 123, 7, 42, "fine"), entry);
        Assert.Equal((null, null), RegressionEntry.Parse(5, "   # a comment"));
    }

    private static MethodInfo FindProperty(RegressionEntry entry)
    {
        string[] parts = entry.Property.Split('.');
        string methodName = parts[^1];
        string? className = parts.Length > 1 ? string.Join('.', parts[..^1]) : null;
        MethodInfo[] candidates = typeof(RegressionReplay).Assembly.GetTypes()
            .Where(t => className is null || t.Name == className || t.FullName == className)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name == methodName && m.GetCustomAttribute<PropertyAttribute>() is not null)
            .ToArray();
        Assert.True(candidates.Length > 0, $"regressions.txt line {entry.Line}: no [Property] method named '{entry.Property}' in this assembly (renamed or removed? update the line)");
        Assert.True(candidates.Length == 1, $"regressions.txt line {entry.Line}: '{entry.Property}' names {candidates.Length} [Property] methods ({string.Join(", ", candidates.Select(c => c.DeclaringType!.Name + "." + c.Name))}); qualify it as ClassName.MethodName");
        return candidates[0];
    }

    /// <summary>The configuration FsCheck.Xunit would use for <paramref name="method"/> (method, class and assembly attributes), with the replay.</summary>
    private static Config ConfigFor(MethodInfo method, RegressionEntry entry)
    {
        PropertyAttribute?[] levels =
        [
            method.GetCustomAttribute<PropertyAttribute>(),
            method.DeclaringType!.GetCustomAttribute<PropertiesAttribute>(),
            method.DeclaringType!.Assembly.GetCustomAttribute<PropertiesAttribute>(),
        ];
        int Setting(Func<PropertyAttribute, int> get, int fallback) =>
            levels.Where(a => a is not null).Select(a => get(a!)).Where(v => v >= 0).DefaultIfEmpty(fallback).First();

        Type[] arbitrary = levels.Where(a => a is not null).SelectMany(a => a!.Arbitrary ?? []).ToArray();
        var replay = new Replay(new Rnd(entry.Seed, entry.Gamma), entry.Size is int size ? FSharpOption<int>.Some(size) : FSharpOption<int>.None);
        return Config.QuickThrowOnFailure
            .WithMaxTest(Setting(a => a.MaxTest, Config.Default.MaxTest))
            .WithMaxRejected(Setting(a => a.MaxRejected, Config.Default.MaxRejected))
            .WithStartSize(Setting(a => a.StartSize, Config.Default.StartSize))
            .WithEndSize(Setting(a => a.EndSize, Config.Default.EndSize))
            .WithArbitrary(arbitrary)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(replay));
    }

    private static object CreateInstance(Type type, RegressionEntry entry)
    {
        Assert.True(type.GetConstructor(Type.EmptyTypes) is not null,
            $"regressions.txt line {entry.Line}: {type.Name} has no parameterless constructor; the replay cannot create it");
        return Activator.CreateInstance(type)!;
    }
}

/// <summary>Schedules the <see cref="RegressionReplay"/> collection first, the others in xUnit's default order.</summary>
public sealed class RegressionReplayFirst : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        ITestCollection[] ordered = _default.OrderTestCollections(testCollections).ToArray();
        return ordered.Where(c => c.DisplayName == RegressionReplay.Name).Concat(ordered.Where(c => c.DisplayName != RegressionReplay.Name));
    }
}
