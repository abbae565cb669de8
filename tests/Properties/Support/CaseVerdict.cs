using FsCheck;
using FsCheck.Fluent;

namespace SparseIhtVerify.Properties.Support;

/// <summary>The first violated requirement, and tags for classification and premise rates.</summary>
public sealed class CaseVerdict
{
    private readonly HashSet<string> _tags = [];

    public string? Failure { get; private set; }

    public bool Ok => Failure is null;

    public bool Require(bool ok, Func<string> message)
    {
        if (!ok && Failure is null)
        {
            Failure = message();
        }

        return ok;
    }

    public void Tag(bool on, string tag)
    {
        if (on)
        {
            _tags.Add(tag);
        }
    }

    public bool Has(string tag) => _tags.Contains(tag);

    public Property ToProperty(string where, params string[] classes)
    {
        Property p = Ok.Label($"{Failure}; {where}");
        foreach (string c in classes)
        {
            p = p.Classify(Has(c), c);
        }

        return p;
    }
}

/// <summary>Premise-rate floors over a batch of property cases.</summary>
public static class PremiseFloor
{
    /// <summary>Every case satisfies its invariants, and each tag occurs in at least its share of the cases.</summary>
    public static Property Floor<T>(T[] cases, Func<T, CaseVerdict> check, params (string Tag, double Rate)[] floors)
    {
        CaseVerdict[] verdicts = cases.Select(check).ToArray();
        int failed = Array.FindIndex(verdicts, x => !x.Ok);
        string rates = string.Join(", ", floors.Select(f => $"{f.Tag} {verdicts.Count(x => x.Has(f.Tag))}/{verdicts.Length} (floor {f.Rate:P0})"));
        Property p = (failed < 0).Label(failed < 0 ? "" : $"{verdicts[failed].Failure}; {cases[failed]}");
        foreach ((string tag, double rate) in floors)
        {
            double share = (double)verdicts.Count(x => x.Has(tag)) / verdicts.Length;
            p = p.And((share >= rate).Label($"premise rate too low: {rates}"));
        }

        return p.Collect(rates);
    }
}
