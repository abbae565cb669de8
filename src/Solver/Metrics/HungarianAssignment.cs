namespace SparseIhtVerify.Solver.Metrics;

/// <summary>
/// Minimum-cost perfect matching of a square cost matrix (the Hungarian method with potentials, O(P³)):
/// returns σ with σ(i) the column assigned to row i, minimising Σ_i cost[i, σ(i)].
/// Ties between equally cheap assignments are broken deterministically by the scan order.
/// </summary>
public static class HungarianAssignment
{
    /// <summary>The optimal assignment of rows to columns of the P×P <paramref name="cost"/>.</summary>
    public static int[] Solve(double[,] cost)
    {
        int size = cost.GetLength(0);
        if (cost.GetLength(1) != size)
        {
            throw new ArgumentException("the cost matrix must be square (pad it)");
        }

        // 1-based arrays as in the classical formulation; column 0 is a virtual start.
        var u = new double[size + 1];
        var v = new double[size + 1];
        var rowOfColumn = new int[size + 1];
        var way = new int[size + 1];
        for (int row = 1; row <= size; row++)
        {
            rowOfColumn[0] = row;
            int column0 = 0;
            var minimum = new double[size + 1];
            var used = new bool[size + 1];
            Array.Fill(minimum, double.PositiveInfinity);
            do
            {
                used[column0] = true;
                int row0 = rowOfColumn[column0], column1 = 0;
                double delta = double.PositiveInfinity;
                for (int column = 1; column <= size; column++)
                {
                    if (used[column])
                    {
                        continue;
                    }

                    double reduced = cost[row0 - 1, column - 1] - u[row0] - v[column];
                    if (reduced < minimum[column])
                    {
                        minimum[column] = reduced;
                        way[column] = column0;
                    }

                    if (minimum[column] < delta)
                    {
                        delta = minimum[column];
                        column1 = column;
                    }
                }

                for (int column = 0; column <= size; column++)
                {
                    if (used[column])
                    {
                        u[rowOfColumn[column]] += delta;
                        v[column] -= delta;
                    }
                    else
                    {
                        minimum[column] -= delta;
                    }
                }

                column0 = column1;
            }
            while (rowOfColumn[column0] != 0);

            do
            {
                int column1 = way[column0];
                rowOfColumn[column0] = rowOfColumn[column1];
                column0 = column1;
            }
            while (column0 != 0);
        }

        var assignment = new int[size];
        for (int column = 1; column <= size; column++)
        {
            assignment[rowOfColumn[column] - 1] = column - 1;
        }

        return assignment;
    }
}
