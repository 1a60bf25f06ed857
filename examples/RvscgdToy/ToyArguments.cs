using System.Globalization;
using MlNetSparse.Experiments.Rvscgd;
using static MlNetSparse.Examples.Shared.ArgumentText;

namespace MlNetSparse.Examples.RvscgdToy;

/// <summary>The command line: the run settings shared by every penalty, how often to print, where the outputs go.</summary>
internal sealed record ToyArguments(RvscgdToyOptions Options, int PrintEvery, string OutputFolder)
{
    public const string Usage = """
        RVSCGD on the one-hidden-layer binarized CNN toy (k = 20, d = 50, |w*|0 = 10, lambda = 1e-4, beta = 4e-3):
        l0, l1 and transformed-l1 at one learning rate, and l0 at the paper's 1e-5.
        usage: RvscgdToy [options]
          --steps <n>     RVSCGD steps per run (default: 300)
          --eta <x>       learning rate (default: 5)
          --seed <n>      seed of the teacher, the start and the samples (default: 0)
          --shape <x>     a of transformed l1 (default: 0.1)
          --every <n>     print a row every n steps (default: steps/10)
          --out <folder>  figures, trace.csv and summary.md (default: artifacts/rvscgd-toy)
        """;

    /// <summary>Parses and validates <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    public static ToyArguments Parse(string[] args)
    {
        var options = new RvscgdToyOptions();
        int? every = null;
        string output = Path.Combine("artifacts", "rvscgd-toy");
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--steps": options = options with { Steps = Integer("--steps", Value()) }; break;
                case "--eta": options = options with { LearningRate = Number("--eta", Value()) }; break;
                case "--seed": options = options with { Seed = Integer("--seed", Value()) }; break;
                case "--shape": options = options with { TransformedL1Shape = Number("--shape", Value()) }; break;
                case "--every": every = Integer("--every", Value()); break;
                case "--out": output = Value(); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Run with --help for the options.");
            }
        }
        options.Validate();
        int printEvery = every ?? Math.Max(1, options.Steps / 10);
        if (printEvery < 1)
            throw new ArgumentException($"--every must be ≥ 1; got {printEvery}.");
        return new ToyArguments(options, printEvery, output);
    }

}
