using System.Numerics.Tensors;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Experiments.Rvscgd;

/// <summary>
/// The one-hidden-layer non-overlap CNN of docs/algorithms.md#toy-teacher-problem with a teacher:
/// Z ∈ R^{k×d} with iid N(0, 1) entries, y(Z, w) = (1/k) Σᵢ σ(Zᵢ·w), σ(z) = 1{z &gt; 0}, labels
/// y(Z, w*). As an objective, its value is the population loss (in closed form) and its gradient is
/// coarse: each <see cref="ValueAndGradient"/> call draws a fresh batch of samples from a seeded stream.
/// </summary>
/// <remarks>
/// <para>Population loss, in closed form. Per patch, (Zᵢ·w, Zᵢ·w*) is a centred Gaussian pair with
/// correlation cos θ, θ = θ(w, w*), so Aᵢ = σ(Zᵢ·w) and Bᵢ = σ(Zᵢ·w*) are Bernoulli(½) and differ with
/// probability θ/π (the hyperplane {z·w = 0} separates them). The k pairs are independent and
/// E[Aᵢ − Bᵢ] = 0, so E(y(w) − y(w*))² = Var((1/k)Σ(Aᵢ − Bᵢ)) = (1/k²)·k·θ/π, and
/// f(w) = E ½(y(w) − y(w*))² = θ/(2kπ), whatever ‖w‖ &gt; 0.</para>
/// <para>Cost per step: k·d Gaussians and k·(2d + ‖w*‖₀) multiply-adds per sample; the
/// Gaussians dominate.</para>
/// </remarks>
public sealed class ToyTeacherProblem : IDifferentiableObjective
{
    // Samples drawn and processed together: the block (64·k·d floats, 256 KB for the paper's k, d) stays in cache.
    internal const int BlockSamples = 64;
    private readonly float[] _teacher;
    private readonly int[] _teacherSupport;
    private readonly GaussianStream _samples;
    private readonly float[] _block, _student, _teacherProjection, _coefficient;
    private readonly double[] _sum;

    /// <summary>The problem with teacher <paramref name="teacher"/> (its length is d).</summary>
    /// <param name="teacher">w*: finite and nonzero (the angle needs a direction), of length d ≤ 1000.</param>
    /// <param name="patchCount">k, in [1, 1000] (a block of 64 samples holds 64·k·d floats).</param>
    /// <param name="batchSize">Fresh samples per coarse gradient, in [1, 10⁷].</param>
    /// <param name="sampleSeed">Seed of the sample stream.</param>
    /// <exception cref="ArgumentException">The teacher is empty, zero or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d, k or the batch size is out of range.</exception>
    public ToyTeacherProblem(ReadOnlySpan<float> teacher, int patchCount, int batchSize, ulong sampleSeed)
    {
        if (teacher.IsEmpty || VectorChecks.ContainsNonFinite(teacher) || Core.Sparsity.Support.CountNonzero(teacher) == 0)
            throw new ArgumentException("teacher must be a nonempty, finite, nonzero vector.", nameof(teacher));
        RvscgdToyOptions.Table.Check(nameof(RvscgdToyOptions.PatchSize), teacher.Length);
        RvscgdToyOptions.Table.Check(nameof(RvscgdToyOptions.PatchCount), patchCount);
        RvscgdToyOptions.Table.Check(nameof(RvscgdToyOptions.BatchSize), batchSize);
        _teacher = teacher.ToArray();
        _teacherSupport = Core.Sparsity.Support.Indices(teacher);
        PatchCount = patchCount;
        BatchSize = batchSize;
        _samples = new GaussianStream(sampleSeed);
        _block = new float[BlockSamples * patchCount * teacher.Length];
        _student = new float[BlockSamples * patchCount];
        _teacherProjection = new float[BlockSamples * patchCount];
        _coefficient = new float[BlockSamples * patchCount];
        _sum = new double[teacher.Length];
    }

    /// <summary>d, the patch size and the length of w.</summary>
    public int Dimension => _teacher.Length;

    /// <inheritdoc/>
    public int ParameterCount => Dimension;

    /// <summary>k, the number of patches.</summary>
    public int PatchCount { get; }

    /// <summary>Fresh samples per coarse gradient.</summary>
    public int BatchSize { get; }

    /// <summary>w*.</summary>
    public ReadOnlySpan<float> Teacher => _teacher;

    /// <summary>
    /// g = mean over a fresh batch of (y(Z, w) − y(Z, w*))·(1/k) Σᵢ 1{Zᵢ·w &gt; 0} Zᵢ: the coarse
    /// gradient with μ′ = 1{z &gt; 0}, accumulated in double. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length is not d.</exception>
    public void CoarseGradient(ReadOnlySpan<float> w, Span<float> gradient)
    {
        CheckLength(w.Length, Dimension, nameof(w));
        CheckLength(gradient.Length, Dimension, nameof(gradient));
        Array.Clear(_sum);
        for (int start = 0; start < BatchSize; start += BlockSamples)
        {
            int count = Math.Min(BlockSamples, BatchSize - start);
            Span<float> block = _block.AsSpan(0, count * PatchCount * Dimension);
            _samples.Fill(block);
            AddCoarseGradientSum(block, count, w, _sum);
        }
        for (int j = 0; j < gradient.Length; j++)
            gradient[j] = (float)(_sum[j] / BatchSize);
    }

    /// <summary>f(w), the population loss (<see cref="PopulationLoss"/>); draws no samples.</summary>
    public double Value(ReadOnlySpan<float> parameters) => PopulationLoss(parameters);

    /// <summary>f(w), the population loss, and a fresh coarse gradient g(w) (<see cref="CoarseGradient"/>) into <paramref name="gradient"/>.</summary>
    /// <exception cref="ArgumentException">A span's length is not d.</exception>
    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        CoarseGradient(parameters, gradient);
        return PopulationLoss(parameters);
    }

    /// <summary>f(w) = θ(w, w*)/(2kπ), the population loss (see the remarks); for w = 0, ½E[y*²] = (1 + 1/k)/8.</summary>
    public double PopulationLoss(ReadOnlySpan<float> w)
    {
        CheckLength(w.Length, Dimension, nameof(w));
        // σ(0) = 0: the zero filter outputs 0, and y* = Binomial(k, ½)/k has E[y*²] = ¼ + 1/(4k).
        if (Core.Sparsity.Support.CountNonzero(w) == 0)
            return (1 + 1.0 / PatchCount) / 8;
        return Angle(w, _teacher) / (2 * PatchCount * Math.PI);
    }

    /// <summary>
    /// Adds Σₛ (y(Zₛ, w) − y(Zₛ, w*))·(1/k) Σᵢ 1{Zₛᵢ·w &gt; 0} Zₛᵢ over the <paramref name="sampleCount"/>
    /// samples of <paramref name="block"/> into <paramref name="sum"/>. The block is feature-major:
    /// entry j of patch i of sample s is at [j·n·k + s·k + i] (n = sampleCount), so every step below
    /// is a long vector operation (d axpys for the projections, d dot products for the gradient)
    /// instead of n·k dot products of length d. For iid draws the layout does not change the law.
    /// </summary>
    internal void AddCoarseGradientSum(ReadOnlySpan<float> block, int sampleCount, ReadOnlySpan<float> w, Span<double> sum)
    {
        int d = Dimension, k = PatchCount, m = sampleCount * k;
        Span<float> student = _student.AsSpan(0, m), teacher = _teacherProjection.AsSpan(0, m), coefficient = _coefficient.AsSpan(0, m);
        student.Clear();
        for (int j = 0; j < d; j++)
            TensorPrimitives.MultiplyAdd(block.Slice(j * m, m), w[j], student, student);
        teacher.Clear();
        foreach (int j in _teacherSupport) // w* is sparse
            TensorPrimitives.MultiplyAdd(block.Slice(j * m, m), _teacher[j], teacher, teacher);
        for (int s = 0; s < sampleCount; s++)
        {
            int studentOn = 0, teacherOn = 0;
            for (int i = s * k; i < (s + 1) * k; i++)
            {
                studentOn += student[i] > 0f ? 1 : 0;
                teacherOn += teacher[i] > 0f ? 1 : 0;
            }
            float scale = (float)(studentOn - teacherOn) / k / k; // (y − y*)·(1/k)
            for (int i = s * k; i < (s + 1) * k; i++)
                coefficient[i] = student[i] > 0f ? scale : 0f;
        }
        for (int j = 0; j < d; j++)
            sum[j] += TensorPrimitives.Dot(block.Slice(j * m, m), coefficient);
    }

    /// <summary>θ(a, b) = arccos(a·b / (‖a‖‖b‖)) in radians, in double; both must be nonzero.</summary>
    /// <exception cref="ArgumentException">Different lengths, or a zero vector.</exception>
    public static double Angle(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        CheckLength(b.Length, a.Length, nameof(b));
        double dot = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }
        if (aa == 0 || bb == 0)
            throw new ArgumentException("The angle needs two nonzero vectors.");
        return Math.Acos(Math.Clamp(dot / Math.Sqrt(aa * bb), -1, 1));
    }

    /// <summary>
    /// A unit teacher with <paramref name="nonzeros"/> entries ±1/√s on a seeded random support. Equal
    /// magnitudes keep every entry above the ℓ0 threshold √(2λ/β) ≈ 0.22 of the paper's λ, β for s ≤ 20;
    /// a Gaussian draw would leave small entries that no threshold can recover.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nonzeros"/> is not in [1, dimension].</exception>
    public static float[] SparseTeacher(int dimension, int nonzeros, int seed)
    {
        RvscgdToyOptions.Table.Check(nameof(RvscgdToyOptions.PatchSize), dimension);
        RvscgdToyOptions.Table[nameof(RvscgdToyOptions.TeacherNonzeros)].WithMaximum(dimension).Check(nonzeros);
        var random = new Random(seed);
        int[] order = [.. Enumerable.Range(0, dimension)];
        random.Shuffle(order);
        var teacher = new float[dimension];
        float magnitude = (float)(1 / Math.Sqrt(nonzeros));
        foreach (int j in order.AsSpan(0, nonzeros))
            teacher[j] = random.Next(2) == 0 ? -magnitude : magnitude;
        return teacher;
    }

    /// <summary>A seeded direction uniform on the unit sphere of R^<paramref name="dimension"/>.</summary>
    public static float[] RandomUnitVector(int dimension, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var vector = new float[dimension];
        var random = new Random(seed);
        double norm;
        do
        {
            Gaussian.Fill(random, vector);
            norm = Math.Sqrt(vector.Sum(x => (double)x * x));
        }
        while (norm == 0);
        for (int j = 0; j < dimension; j++)
            vector[j] = (float)(vector[j] / norm);
        return vector;
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} must have length {expected}; got {actual}.", name);
    }
}
