#!/usr/bin/env bash
# The model-builder story end to end, from the repository root:
#   1. train a sparse model on a CSV with the mlnet-sparse tool, to a zip (and PNGs of the loss, the sparsity path and the weights);
#   2. generate a consumer project that references only Microsoft.ML;
#   3. run the consumer on rows it has never been told the answer for.
# Usage: bash examples/ModelBuilderApp/walkthrough.sh [OUTPUT_FOLDER]   (default artifacts/model-builder)
set -euo pipefail
out="${1:-artifacts/model-builder}"
mkdir -p "$out"
cli=(dotnet run --project src/MlNetSparse.Cli --)

"${cli[@]}" train --data examples/data/breast_cancer.csv --label Diagnosis --sparsity auto --output "$out/breast-cancer.zip" --plot "$out" --force
"${cli[@]}" inspect "$out/breast-cancer.zip"
"${cli[@]}" codegen "$out/breast-cancer.zip" --output "$out/BreastCancerConsumer" --force
dotnet run --project "$out/BreastCancerConsumer" -- examples/ModelBuilderApp/new-patients.csv
