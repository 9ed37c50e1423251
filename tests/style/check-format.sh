#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format makes of it
# with the repository's .clang-format. Fix with:
#   git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
format=$(command -v clang-format-14 || command -v clang-format || true)
if [[ -z $format ]]; then
  echo "check-format: clang-format is not installed (installer/setup.sh installs it)" >&2
  exit 1
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "check-format: not a git checkout; cannot list the tracked files" >&2
  exit 1
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h')
echo "check-format: $format on ${#files[@]} files"
"$format" --dry-run --Werror "${files[@]}"
echo "check-format: all ${#files[@]} files are formatted"
