namespace SparseIhtVerify.Experiments.Fitting;

/// <summary>How a <see cref="FittedNetwork"/> was fitted (written into the model file's header).</summary>
/// <param name="Samples">n: training rows the final fit used.</param>
/// <param name="Nonzeros">s: the sparsity fitted (chosen by validation when several were given).</param>
/// <param name="Projection">k: the projection size of the solve.</param>
/// <param name="Solver">The solver's word.</param>
/// <param name="Mode">convex or scp.</param>
/// <param name="Dictionary">Where the starting generators came from: random (N(0, I) from the seed), user, or warm-start.</param>
/// <param name="Debiased">Whether the weights were refitted by least squares on the final support.</param>
/// <param name="Validation">none, holdout or cv:K.</param>
/// <param name="Seed">The seed of every random choice of the fit.</param>
public sealed record FitProvenance(int Samples, int Nonzeros, int Projection, string Solver, string Mode, string Dictionary, bool Debiased, string Validation, long Seed);
