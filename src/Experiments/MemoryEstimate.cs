namespace SparseIhtVerify.Experiments;

/// <summary>
/// The memory a run of the gated operator needs, estimated from its sizes before anything is allocated, so that a size no
/// machine here can hold is refused in the first second rather than failing minutes later: X (8·n·d bytes) and its 8-row tiles
/// (8·n·d), the pattern bit masks (p·⌈n/64⌉·8 bytes, twice in SCP mode: the dictionary's and the solve's own copy), the
/// generators (8·p·d), and a dozen vectors of length n (labels, residuals, products: 96·n).
/// </summary>
public static class MemoryEstimate
{
    /// <summary>Estimated bytes of a run on n samples, d inputs and p blocks.</summary>
    public static double Bytes(long samples, long inputs, long blocks, bool sequentialConvex)
    {
        double data = 16.0 * samples * inputs;
        double patterns = (sequentialConvex ? 2.0 : 1.0) * blocks * Math.Ceiling(samples / 64.0) * 8;
        return data + patterns + (8.0 * blocks * inputs) + (96.0 * samples);
    }

    /// <summary>The memory this process may use (the GC's limit: physical memory, or a container's limit).</summary>
    public static double Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
