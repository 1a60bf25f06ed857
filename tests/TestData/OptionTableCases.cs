using System.Globalization;
using System.Reflection;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Tests.TestData;

/// <summary>
/// Invalid-option cases generated from a declaration table (<see cref="OptionTable"/>): every option,
/// every value just outside its range. One subject per options type: a valid instance, and what
/// validates it (the type's own check, or the catalog call that creates a trainer).
/// </summary>
internal sealed record OptionTableSubject(string Name, OptionTable Table, Func<object> Valid, Action<object> Validate)
{
    /// <summary>(subject, option, value) for each option of each subject and each value outside its range.</summary>
    public static TheoryData<string, string, double> Cases(IEnumerable<OptionTableSubject> subjects)
    {
        var data = new TheoryData<string, string, double>();
        foreach (OptionTableSubject subject in subjects)
            foreach (OptionSpec option in subject.Table.Options)
                foreach (double value in option.Allowed.ValuesOutside())
                    data.Add(subject.Name, option.Name, value);
        return data;
    }

    /// <summary>Sets <paramref name="option"/> to <paramref name="value"/> on a valid instance, validates, and checks the one error.</summary>
    public void AssertRejected(string option, double value)
    {
        OptionSpec spec = Table[option];
        object instance = Valid();
        PropertyInfo property = instance.GetType().GetProperty(option) ?? throw new InvalidOperationException($"{instance.GetType().Name} has no property {option}.");
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object boxed = type.IsEnum ? Enum.ToObject(type, (long)value) : type == typeof(int) ? (object)(int)value : value;
        property.SetValue(instance, boxed);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Validate(instance));
        Assert.Equal(option, error.ParamName);
        string got = type.IsEnum ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
        Assert.StartsWith($"{option} must be {spec.Allowed.Describe()} ({spec.Meaning}); got {got}.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Checks that a fresh instance holds every declared default, and that each default is allowed.</summary>
    public void AssertDefaultsAreTheDeclared(object fresh)
    {
        foreach (OptionSpec spec in Table.Options)
        {
            object? actual = fresh.GetType().GetProperty(spec.Name)!.GetValue(fresh);
            if (spec.Default is null)
                continue;
            object expected = spec.Default.GetType() == actual!.GetType() ? spec.Default : Convert.ChangeType(spec.Default, actual.GetType(), CultureInfo.InvariantCulture);
            Assert.True(Equals(expected, actual),
                $"{Name}.{spec.Name}: the declared default is {spec.Default}, the options hold {actual}.");
            Assert.True(spec.Allowed.Contains(Convert.ToDouble(spec.Default, CultureInfo.InvariantCulture)),
                $"{Name}.{spec.Name}: the default {spec.Default} is not {spec.Allowed.Describe()}.");
        }
    }
}
