namespace SparseIhtVerify.Theory.Constants;

/// <summary>What ended the search for the constants of one level, so that reports can say how far it got.</summary>
public enum SearchEnd
{
    /// <summary>Every support of the level was examined (full Gram or enumeration): the values are exact.</summary>
    Exact,

    /// <summary>The planned searches ran to their end before any budget bound.</summary>
    Complete,

    /// <summary>The supports budget <see cref="EstimationBudget.Supports"/> was reached.</summary>
    SupportBudget,

    /// <summary>The work budget <see cref="EstimationBudget.Work"/> (multiply–adds) was spent.</summary>
    WorkBudget,

    /// <summary>The explicit wall-clock cap <see cref="EstimationBudget.SecondsCap"/> ended the search: the numbers depend on the machine's speed.</summary>
    TimeCap,
}
