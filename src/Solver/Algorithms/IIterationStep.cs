namespace SparseIhtVerify.Solver.Algorithms;

/// <summary>
/// One iteration of a hard-thresholding algorithm. The driver has already streamed the gradient of the current
/// iterate into <see cref="SolverState.Gradient"/>; the step returns the next iterate, its residual and the step used.
/// </summary>
internal interface IIterationStep
{
    StepOutcome Take(SolverState state);
}

/// <summary>The next iterate, its residual A w − y, and the step μ actually used.</summary>
internal readonly record struct StepOutcome(SparseVector Next, double[] Residual, double Step);
