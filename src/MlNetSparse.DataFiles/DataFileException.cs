namespace MlNetSparse.DataFiles;

/// <summary>
/// A data file that cannot be read as asked: missing, empty, binary, ragged, a value that is not a
/// number. The message names the file, and the line and column where there is one; it is meant for
/// the user as it is.
/// </summary>
public sealed class DataFileException(string message) : FormatException(message);
