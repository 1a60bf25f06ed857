using System.Globalization;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Networks;
using Spectre.Console;

namespace MlNetSparse.Examples.BinarizedCnn;

/// <summary>A progress bar per epoch on a terminal; one line per epoch when the output is redirected.</summary>
public static class EpochProgress
{
    public static T Run<T>(string model, int epochs, BinarizedCnnTrainer.Options options, Func<T> fit)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            options.Progress = new Callback(p =>
            {
                if (p.Completed is { } e)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {model,-14} epoch {e.Epoch,3}/{epochs}: loss {e.MeanLoss:F4}{Lagrangian(e)}, {e.Seconds:F2} s"));
            });
            return fit();
        }
        T result = default!;
        AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
            new ElapsedTimeColumn()).Start(context =>
        {
            ProgressTask? bar = null;
            options.Progress = new Callback(p =>
            {
                if (p.Completed is { } e)
                {
                    bar!.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{model} epoch {e.Epoch}/{epochs}: loss {e.MeanLoss:F4}{Lagrangian(e)}");
                    bar.Value = bar.MaxValue;
                    bar.StopTask();
                    bar = null;
                    return;
                }
                bar ??= context.AddTask($"{model} epoch {p.Epoch}/{epochs}", maxValue: p.StepsPerEpoch);
                bar.Value = p.Step;
            });
            result = fit();
        });
        return result;
    }

    // RVSCGD's Lagrangian and the λ of the epoch's last step (found by the sparsity target, or the fixed one).
    private static string Lagrangian(EpochRecord e) =>
        e.Lagrangian is double l ? string.Create(CultureInfo.InvariantCulture, $", Lagrangian {l:F4}, {e.DescribeLambda()}") : "";

    private sealed class Callback(Action<BinarizedCnnProgress> report) : IProgress<BinarizedCnnProgress>
    {
        public void Report(BinarizedCnnProgress value) => report(value);
    }
}
