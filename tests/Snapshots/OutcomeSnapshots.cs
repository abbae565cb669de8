using System.Runtime.CompilerServices;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace SparseIhtVerify.Snapshots;

/// <summary>
/// Every case of <see cref="SnapshotCases"/> is run with one thread and with the default thread count (at least two);
/// the two runs must agree bit for bit (the raw doubles, not only the six printed digits), and the outcome must match
/// <c>__snapshots__/&lt;case&gt;.snap</c>. With <c>SNAPSHOOTER_STRICT_MODE=true</c> (CI) a missing snapshot fails
/// instead of being written.
/// </summary>
public sealed class OutcomeSnapshots
{
    /// <summary>The default thread count of the command line (one per core), and at least two so that the threaded paths run.</summary>
    public static int DefaultParallelism => Math.Max(2, Environment.ProcessorCount);

    public static TheoryData<string> RecoveryCases => Names(c => c is not AuditCase);

    public static TheoryData<string> AuditCases => Names(c => c is AuditCase);

    [Theory]
    [MemberData(nameof(RecoveryCases))]
    public void RecoveryMatchesSnapshot(string name) => Check(name);

    [Theory]
    [MemberData(nameof(AuditCases))]
    public void AuditMatchesSnapshot(string name) => Check(name);

    [Fact]
    public void CaseTableHasUniqueNamesAndEnoughCases()
    {
        Assert.True(SnapshotCases.All.Count >= 20, $"the issue asks for at least 20 snapshot cases, the table has {SnapshotCases.All.Count}");
        string[] duplicates = SnapshotCases.All.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(duplicates.Length == 0, $"case names must be unique (they are file names): {string.Join(", ", duplicates)}");
    }

    private static void Check(string name)
    {
        SnapshotCase snapshotCase = SnapshotCases.Named(name);
        CaseOutcome single = CaseRunner.Run(snapshotCase, 1);
        CaseOutcome threaded = CaseRunner.Run(snapshotCase, DefaultParallelism);
        Assert.True(single.Json == threaded.Json,
            $"{name}: the snapshot document differs between 1 and {DefaultParallelism} threads.\n--- 1 thread:\n{single.Json}\n--- {DefaultParallelism} threads:\n{threaded.Json}");
        Assert.True(single.Fingerprint == threaded.Fingerprint,
            $"{name}: the raw results differ in their last bits between 1 and {DefaultParallelism} threads (fix the reduction order; do not loosen the snapshot).\n--- 1 thread:\n{single.Fingerprint}\n--- {DefaultParallelism} threads:\n{threaded.Fingerprint}");
        Snapshot.Match(single.Snapshot, new SnapshotFullName($"{name}.snap", SnapshotFolder()));
    }

    /// <summary>The folder of this source file; Snapshooter keeps the files in its <c>__snapshots__</c> subfolder.</summary>
    private static string SnapshotFolder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;

    private static TheoryData<string> Names(Func<SnapshotCase, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (SnapshotCase c in SnapshotCases.All.Where(which))
        {
            data.Add(c.Name);
        }

        return data;
    }
}
