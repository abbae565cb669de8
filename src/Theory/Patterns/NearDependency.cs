namespace SparseIhtVerify.Theory.Patterns;

/// <summary>
/// A small block subset B on which the overlap matrix O_B = (|D_j ∩ D_k| / n)_{j,k∈B} is nearly singular (theory.md §3):
/// λ_min(O_B) = min_{‖c‖=1} (1/n)·‖Σ_{j∈B} c_j D_j‖², the mean square of the best unit-norm combination of the pattern
/// indicator vectors, attained by c = <see cref="Coefficients"/>. For an input coordinate ℓ independent of the patterns,
/// E[G over the columns (j, ℓ), j ∈ B] = O_B, so a small λ_min(O_B) points at a small α_|B| (confirm it with
/// <see cref="Constants.SameCoordinateGram"/>, whose eigenvalues are exact witnesses).
/// </summary>
/// <param name="Blocks">B, strictly increasing.</param>
/// <param name="MinEigenvalue">λ_min(O_B).</param>
/// <param name="MaxEigenvalue">λ_max(O_B).</param>
/// <param name="Coefficients">A unit eigenvector c of λ_min(O_B), entry t for block Blocks[t]; its entry of largest magnitude is positive.</param>
/// <param name="NumericallySingular">λ_min(O_B) ≤ <see cref="NearDependencySearch.SingularTolerance"/>·λ_max(O_B): singular to working precision (only <see cref="PatternDependencies"/> proves an exact dependency).</param>
public sealed record NearDependency(
    IReadOnlyList<int> Blocks,
    double MinEigenvalue,
    double MaxEigenvalue,
    IReadOnlyList<double> Coefficients,
    bool NumericallySingular)
{
    /// <summary>λ_min(O_B)/λ_max(O_B), the inverse condition number (0 for a singular O_B).</summary>
    public double RelativeMinEigenvalue => MaxEigenvalue > 0 ? MinEigenvalue / MaxEigenvalue : 0;

    /// <summary>For example "B = {3, 7, 10, 12}: λ_min(O_B) = 1.2E-17, λ_max = 1.01".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"B = {{{string.Join(", ", Blocks)}}}: λ_min(O_B) = {MinEigenvalue:G4}, λ_max = {MaxEigenvalue:G4}{(NumericallySingular ? " (singular)" : "")}");
}
