namespace SparseIhtVerify.Theory.Constants;

/// <summary>Counting and listing supports: C(n, k) and the supports of a size that contain a required set.</summary>
public static class SupportCombinatorics
{
    /// <summary>C(n, k) as a double (∞ past 1e308; 0 when k &lt; 0 or k &gt; n).</summary>
    public static double Binomial(int n, int k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }

        double result = 1;
        for (int i = 1; i <= Math.Min(k, n - k); i++)
        {
            result = result * (n - Math.Min(k, n - k) + i) / i;
        }

        return result;
    }

    /// <summary>All supports of size <paramref name="size"/> in [0, n) that contain <paramref name="required"/>, in lexicographic order of the free part.</summary>
    public static IEnumerable<int[]> Combinations(int n, int size, int[] required)
    {
        int[] free = Enumerable.Range(0, n).Except(required).ToArray();
        int choose = size - required.Length;
        var position = Enumerable.Range(0, choose).ToArray();
        while (true)
        {
            yield return required.Concat(position.Select(t => free[t])).Order().ToArray();
            int i = choose - 1;
            while (i >= 0 && position[i] == free.Length - choose + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            position[i]++;
            for (int j = i + 1; j < choose; j++)
            {
                position[j] = position[j - 1] + 1;
            }
        }
    }
}
