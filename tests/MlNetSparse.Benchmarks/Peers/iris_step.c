/* The IRIS IHT step as one plain fused C loop: the peer of the "iris" benchmark section.
 *
 * Usage: iris_step DATA RUNS STEPS SPARSITY STEP_SIZE (built with -DK=classes -DN=features)
 * DATA: int32 m, n, k, then m·n float32 features (row-major), then m float32 class indices.
 * Each run starts at θ = 0 and takes STEPS steps of θ ← H_s(θ − γ∇f(θ)), halving γ while a step would
 * raise f, exactly as the project's IhtSolver does; f and ∇f are one pass over the rows (margins,
 * softmax, loss and gradient per row). Prints: nanoseconds per step, steps taken, final loss.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The shape is fixed when compiling (-DK=3 -DN=4), so the per-row loops over classes and features unroll and
 * the row loop can vectorise (with -ffast-math, expf and logf through glibc's vector math library). */
#ifndef K
#define K 3
#endif
#ifndef N
#define N 4
#endif
#define P (K * (N + 1))

static int m;
static float *X[N], *OneHot[K]; /* column-major features and one-hot labels: the row loop reads each as a stream */

/* f(θ) = (1/m) Σᵢ [log Σ_c exp(z_ic) − z_iyᵢ] and its gradient, θ = [W (K×N), b (K)], in one loop over the rows. */
static double value_and_gradient(const float *restrict theta, float *restrict gradient)
{
    float g[P] = {0};
    float loss = 0;
    const float scale = 1.0f / m;
    for (int i = 0; i < m; i++) {
        float z[K], e[K];
        float max = -INFINITY;
        for (int c = 0; c < K; c++) {
            float s = theta[K * N + c];
            for (int j = 0; j < N; j++)
                s += theta[c * N + j] * X[j][i];
            z[c] = s;
            max = s > max ? s : max;
        }
        float sum = 0, zy = 0;
        for (int c = 0; c < K; c++) {
            e[c] = expf(z[c] - max);
            sum += e[c];
            zy += OneHot[c][i] * z[c];
        }
        loss += logf(sum) + max - zy;
        for (int c = 0; c < K; c++) {
            float r = (e[c] / sum - OneHot[c][i]) * scale;
            for (int j = 0; j < N; j++)
                g[c * N + j] += r * X[j][i];
            g[K * N + c] += r;
        }
    }
    memcpy(gradient, g, sizeof g);
    return (double)loss / m;
}

/* H_s: keep the s entries of largest magnitude (insertion sort of the magnitudes; P is tiny). */
static void hard_threshold(float *v, int s)
{
    float sorted[P];
    for (int p = 0; p < P; p++) {
        float a = fabsf(v[p]);
        int q = p;
        while (q > 0 && sorted[q - 1] < a) {
            sorted[q] = sorted[q - 1];
            q--;
        }
        sorted[q] = a;
    }
    float threshold = sorted[s - 1];
    int kept = 0;
    for (int p = 0; p < P; p++) {
        if (fabsf(v[p]) >= threshold && kept < s)
            kept++;
        else
            v[p] = 0;
    }
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: iris_step DATA RUNS STEPS SPARSITY STEP_SIZE\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    int header[3];
    if (!file || fread(header, sizeof(int), 3, file) != 3)
        return 3;
    m = header[0];
    if (header[1] != N || header[2] != K) {
        fprintf(stderr, "compiled for N = %d, K = %d; the data has %d features and %d classes\n", N, K, header[1], header[2]);
        return 4;
    }
    float *rows = malloc(sizeof(float) * m * N), *labels = malloc(sizeof(float) * m);
    if (fread(rows, sizeof(float), (size_t)m * N, file) != (size_t)m * N || fread(labels, sizeof(float), m, file) != (size_t)m)
        return 3;
    for (int j = 0; j < N; j++) {
        X[j] = malloc(sizeof(float) * m);
        for (int i = 0; i < m; i++)
            X[j][i] = rows[(size_t)i * N + j];
    }
    for (int c = 0; c < K; c++) {
        OneHot[c] = calloc(m, sizeof(float));
        for (int i = 0; i < m; i++)
            OneHot[c][i] = (int)labels[i] == c ? 1.0f : 0.0f;
    }
    fclose(file);
    int runs = atoi(argv[2]), steps = atoi(argv[3]), s = atoi(argv[4]);
    double gamma0 = atof(argv[5]);
    float theta[P], gradient[P], candidate[P], candidateGradient[P];
    long taken = 0;
    double loss = 0;
    struct timespec start, end;
    for (int pass = 0; pass < 2; pass++) { /* pass 0 warms the caches and the branch predictors */
        clock_gettime(CLOCK_MONOTONIC, &start);
        taken = 0;
        for (int run = 0; run < runs; run++) {
            double gamma = gamma0;
            memset(theta, 0, sizeof theta);
            loss = value_and_gradient(theta, gradient);
            for (int step = 0; step < steps; step++) {
                int accepted = 0;
                double trial = gamma;
                for (int halving = 0; halving <= 30; halving++, trial *= 0.5) {
                    for (int p = 0; p < P; p++)
                        candidate[p] = theta[p] - (float)trial * gradient[p];
                    hard_threshold(candidate, s);
                    double candidateLoss = value_and_gradient(candidate, candidateGradient);
                    if (candidateLoss <= loss) {
                        memcpy(theta, candidate, sizeof(float) * P);
                        memcpy(gradient, candidateGradient, sizeof(float) * P);
                        loss = candidateLoss;
                        gamma = trial;
                        accepted = 1;
                        break;
                    }
                }
                if (!accepted)
                    break;
                taken++;
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &end);
    }
    double ns = (end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec);
    printf("%.1f %ld %.9g\n", ns / (taken > 0 ? taken : 1), taken, loss);
    return 0;
}
