using MlNetSparse.Tests.TestData;

// The test run's own temporary directory, deleted after the last test (see TestTempFolder for why).
[assembly: AssemblyFixture(typeof(TestTempFolder))]
