using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Benchmarks;

/// <summary>The shape of the sparse synthetic problem.</summary>
/// <param name="Rows">All rows; the first 80 % train, the rest test.</param>
/// <param name="Features">n.</param>
/// <param name="MinimumRowLength">Fewest nonzeros in a row.</param>
/// <param name="MaximumRowLength">Most nonzeros in a row (row lengths are uniform between the two).</param>
/// <param name="TruthNonzeros">Nonzero weights of w* (the bias comes on top).</param>
/// <param name="TruthAmongTopColumns">w*'s columns are drawn uniformly among this many most popular columns.</param>
internal sealed record SparseProblemSize(int Rows, int Features, int MinimumRowLength, int MaximumRowLength, int TruthNonzeros, int TruthAmongTopColumns)
{
    public double MeanRowLength => (MinimumRowLength + MaximumRowLength) / 2.0;
}

/// <summary>
/// A sparse binary logistic problem generated from a seed, like bag-of-words data. Row i has
/// U{min..max} nonzeros (mean 50 by default) at distinct columns drawn by
/// <see cref="ColumnPopularity"/> (Zipf-like, exponent 1; a column drawn twice is redrawn), with
/// values ±1 (random signs, as signed feature hashing gives: centred, unit variance, and cheap to
/// regenerate on every streaming pass); w* has nonzeros ±U[1, 2) on columns drawn uniformly among the 1,000 most
/// popular (so a row meets a few of them: the labels carry signal), b ~ U[−½, ½), and
/// y ~ Bernoulli(σ(x·w* + b)). Every row comes from its own <see cref="SplitMix64"/> stream: the
/// CSR arrays are filled in parallel, and <see cref="GeneratedSparseRows"/> regenerates the very
/// same rows on every cursor without storing them.
/// </summary>
internal sealed class SyntheticSparseProblem
{
    private readonly SparseProblemSize _size;
    private readonly int _seed;
    private readonly ColumnPopularity _popularity;

    private SyntheticSparseProblem(SparseProblemSize size, int seed)
    {
        if (size.MaximumRowLength > size.Features || size.MinimumRowLength < 1 || size.MinimumRowLength > size.MaximumRowLength)
            throw new ArgumentOutOfRangeException(nameof(size), $"Row lengths must satisfy 1 ≤ min ≤ max ≤ features ({size.Features}); got [{size.MinimumRowLength}, {size.MaximumRowLength}].");
        _size = size;
        _seed = seed;
        _popularity = new ColumnPopularity(size.Features, seed);
        Truth = DrawTruth();
    }

    public SparseTruth Truth { get; }

    public int FeatureCount => _size.Features;

    public static BinaryProblem Generate(SparseProblemSize size, int seed)
    {
        var generator = new SyntheticSparseProblem(size, seed);
        int trainRows = BinaryProblem.TrainRowCount(size.Rows);
        var train = CsrRows.Generate(generator, 0, trainRows);
        var test = CsrRows.Generate(generator, trainRows, size.Rows - trainRows);
        var layout = new LinearModelLayout(1, size.Features);
        return new BinaryProblem($"sparse {size.Rows:N0}×{size.Features:N0}, ~{size.MeanRowLength:F0}/row", "sparse", train, test,
            size.TruthNonzeros + 1, layout, generator.Truth, new GeneratedSparseRows(generator, 0, trainRows));
    }

    /// <summary>The number of nonzeros of row <paramref name="row"/>: the first draw of its stream.</summary>
    public int RowLength(long row)
    {
        var random = SplitMix64.ForStream(_seed, row);
        return DrawRowLength(ref random);
    }

    /// <summary>Writes row <paramref name="row"/> (columns ascending) and returns its label; the spans have <see cref="RowLength"/> entries.</summary>
    public bool GenerateRow(long row, Span<int> columns, Span<float> values)
    {
        var random = SplitMix64.ForStream(_seed, row);
        int count = DrawRowLength(ref random);
        if (columns.Length != count || values.Length != count)
            throw new ArgumentException($"Row {row} has {count} nonzeros; got spans of {columns.Length} and {values.Length}.");
        for (int k = 0; k < count; k++)
        {
            int column;
            do column = _popularity.Draw(ref random);
            while (columns[..k].Contains(column));
            columns[k] = column;
        }
        columns.Sort();
        random.FillSigns(values);
        return SparseTruth.DrawLabel(ref random, Truth.Margin(columns, values));
    }

    private int DrawRowLength(ref SplitMix64 random)
        => _size.MinimumRowLength + random.NextInt(_size.MaximumRowLength - _size.MinimumRowLength + 1);

    private SparseTruth DrawTruth()
    {
        var random = SplitMix64.ForStream(_seed, BinaryProblem.TruthStream);
        int top = Math.Min(_size.TruthAmongTopColumns, _size.Features);
        int[] ranks = SyntheticDenseProblem.DistinctUniform(ref random, _size.TruthNonzeros, top);
        int[] columns = [.. ranks.Select(_popularity.ColumnOfRank)];
        float[] weights = new float[columns.Length];
        for (int k = 0; k < weights.Length; k++)
            weights[k] = random.NextTruthWeight();
        return new SparseTruth(_size.Features, columns, weights, (float)random.NextDouble(-0.5, 0.5));
    }
}
