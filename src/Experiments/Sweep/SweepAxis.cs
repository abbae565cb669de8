namespace SparseIhtVerify.Experiments.Sweep;

/// <summary>An instance size a sweep can vary.</summary>
public enum SweepAxis
{
    /// <summary>Input dimension d.</summary>
    Inputs,

    /// <summary>Hidden width m.</summary>
    Width,

    /// <summary>Total nonzeros s.</summary>
    Nonzeros,

    /// <summary>Samples n.</summary>
    Samples,
}
