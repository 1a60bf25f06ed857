using System.CommandLine;
using MlNetSparse.Cli.Models;

namespace MlNetSparse.Cli.Commands;

/// <summary><c>codegen MODEL.zip --output DIR [--namespace N] [--force]</c>: a consumer project that needs only Microsoft.ML.</summary>
internal static class CodegenCommand
{
    public static Command Create(CliOutput output)
    {
        var model = new Argument<string>("model") { Description = "The model zip." };
        var folder = new Option<string>("--output") { Description = "The folder to create for the project (its name names the project).", Required = true };
        var rootNamespace = new Option<string?>("--namespace") { Description = "The generated code's namespace (default: the project name)." };
        var force = new Option<bool>("--force") { Description = "Replace the folder if it exists and is not empty." };
        var command = new Command("codegen",
            "Write a small console project (ModelInput, ModelOutput, Predict, a Program that scores a CSV) that consumes the zip with Microsoft.ML alone.");
        command.Arguments.Add(model);
        command.Options.Add(folder);
        command.Options.Add(rootNamespace);
        command.Options.Add(force);
        command.SetAction(parse => CommandErrors.Run(output, () =>
        {
            string target = OutputTarget.CheckFolder(parse.GetValue(folder)!, parse.GetValue(force), "--output");
            string projectName = ProjectName(Path.GetFileName(target));
            string ns = parse.GetValue(rootNamespace) ?? projectName;
            if (!IsNamespace(ns))
                throw new UserErrorException($"--namespace: '{ns}' is not a C# namespace (identifiers separated by dots)");
            ModelZip zip = ModelZip.Load(parse.GetValue(model)!);
            ConsumerSchema schema = ConsumerSchema.From(zip, ModelPipeline.Steps(zip));
            var project = new ConsumerProject(schema, projectName, ns);
            OutputTarget.WriteFolder(target, partial =>
            {
                foreach ((string name, string text) in project.Files())
                    File.WriteAllText(Path.Combine(partial, name), text);
                File.Copy(zip.Path, Path.Combine(partial, ConsumerProject.ModelFileName));
            });
            output.Out.WriteLine($"wrote {DisplayPath.Of(target)}: {projectName}.csproj, ModelInput.cs, ModelOutput.cs, ConsumeModel.cs, Program.cs, {ConsumerProject.ModelFileName}");
            output.Out.WriteLine($"run it: dotnet run --project {DisplayPath.Of(target)} -- ROWS.csv");
            return 0;
        }));
        return command;
    }

    /// <summary>The folder name as a project name: letters, digits, '.', '_' kept; "ModelConsumer" if nothing is left.</summary>
    private static string ProjectName(string folderName)
    {
        string name = new(folderName.Where(c => char.IsLetterOrDigit(c) || c is '_' or '.').ToArray());
        name = name.Trim('.');
        return name.Length == 0 || !char.IsLetter(name[0]) ? "ModelConsumer" + name : name;
    }

    private static bool IsNamespace(string text)
        => text.Split('.').All(part => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_'));
}
