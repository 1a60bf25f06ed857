using System.Numerics.Tensors;

namespace MlNetSparse.Core.Objectives;

public sealed partial class SoftmaxCrossEntropyLoss
{
    /// <summary>The class-major block form of this loss over the fixed rows whose labels are <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">A label is not a class index of this loss (its row is named).</exception>
    internal ClassMajorBlock ForClassMajorRows(ReadOnlySpan<float> labels) => new(this, labels);

    /// <summary>
    /// The mean loss (1/m) Σᵢ ℓ(zᵢ; yᵢ) over a fixed set of m rows whose margins are stored
    /// class-major (the m margins of class c contiguous), and its residuals (p_c − y_c)/m, computed in
    /// float with every operation vectorised across the rows: the loss half of a small dense objective
    /// (<see cref="DenseSoftmaxObjective"/>), whose operator writes the margins and reads the residuals.
    /// </summary>
    /// <remarks>
    /// The labels become k masks −y_c once, so the loss and the residuals are span operations. Row
    /// sums accumulate in float (fine for the small m this is meant for). Owns its scratch: an
    /// evaluation allocates nothing; not thread-safe.
    /// </remarks>
    internal sealed class ClassMajorBlock
    {
        private readonly float[] _negativeOneHot; // −y_c as k masks of m rows
        private readonly float[] _margins, _exponentials, _rowMax, _rowSum, _rowLoss;
        private readonly int _rows, _classes;

        public ClassMajorBlock(SoftmaxCrossEntropyLoss loss, ReadOnlySpan<float> labels)
        {
            _rows = labels.Length;
            _classes = loss.OutputCount;
            _negativeOneHot = new float[_classes * _rows];
            for (int i = 0; i < _rows; i++)
            {
                if (!loss.IsValidLabel(labels[i]))
                    throw new ArgumentException($"labels[{i}] must be {loss.LabelDescription}; got {labels[i]}.", nameof(labels));
                _negativeOneHot[(int)labels[i] * _rows + i] = -1f;
            }
            _margins = new float[_classes * _rows];
            _exponentials = new float[_classes * _rows];
            _rowMax = new float[_rows];
            _rowSum = new float[_rows];
            _rowLoss = new float[_rows];
        }

        /// <summary>z_c, the m margins of class <paramref name="c"/>: the operator writes them before <see cref="MeanLoss"/>.</summary>
        public Span<float> Margins(int c) => Class(_margins, c);

        /// <summary>
        /// (1/m) Σᵢ ℓᵢ of the margins written: exponentials shifted by the row maximum, their row
        /// sums, and ℓᵢ = log Σ_c e_ic + μᵢ − z_iyᵢ.
        /// </summary>
        public double MeanLoss()
        {
            // μ = max_c z_c, e_c = exp(z_c − μ), Σ e
            Class(_margins, 0).CopyTo(_rowMax);
            for (int c = 1; c < _classes; c++)
                TensorPrimitives.Max(_rowMax, Class(_margins, c), _rowMax);
            _rowSum.AsSpan().Clear();
            for (int c = 0; c < _classes; c++)
            {
                Span<float> e = Class(_exponentials, c);
                TensorPrimitives.Subtract(Class(_margins, c), _rowMax, e);
                TensorPrimitives.Exp(e, e);
                TensorPrimitives.Add(_rowSum, e, _rowSum);
            }
            // ℓᵢ = log Σ e + μ − z_iyᵢ
            TensorPrimitives.Log(_rowSum, _rowLoss);
            TensorPrimitives.Add(_rowLoss, _rowMax, _rowLoss);
            for (int c = 0; c < _classes; c++)
                TensorPrimitives.MultiplyAdd(Class(_negativeOneHot, c), Class(_margins, c), _rowLoss, _rowLoss);
            double total = 0;
            foreach (float rowLoss in _rowLoss)
                total += rowLoss;
            return total / _rows;
        }

        /// <summary>
        /// r_c = ∂/∂z_c of the mean loss = (p_c − y_c)/m with p_c = e_c / Σ e, written over the
        /// exponentials of the last <see cref="MeanLoss"/>; call once after it.
        /// </summary>
        public void ComputeResiduals()
        {
            float inverseRows = 1f / _rows;
            for (int c = 0; c < _classes; c++)
            {
                Span<float> residual = Class(_exponentials, c);
                TensorPrimitives.Divide(residual, _rowSum, residual);
                TensorPrimitives.Add(residual, Class(_negativeOneHot, c), residual);
                TensorPrimitives.Multiply(residual, inverseRows, residual);
            }
        }

        /// <summary>r_c of the last <see cref="ComputeResiduals"/>.</summary>
        public ReadOnlySpan<float> Residual(int c) => Class(_exponentials, c);

        private Span<float> Class(float[] classMajor, int c) => classMajor.AsSpan(c * _rows, _rows);
    }
}
