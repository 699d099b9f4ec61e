#!/usr/bin/env bash
# The main job on a laptop: compile the example C program, pack it into a Nanos image, and
# boot-test it. Uses $NANOS_KERNEL_DIR when set (a self-built kernel), else downloads the
# official release.
set -euo pipefail
cd "$(dirname "$0")/.."

kernel=()
if [ -n "${NANOS_KERNEL_DIR:-}" ]; then kernel=(--kernel-dir "$NANOS_KERNEL_DIR"); fi

cc -O2 -o examples/batch/batch examples/batch/batch.c -lm
node dist/cli/nanoship.mjs build examples/batch/batch --arg 200000 --arg 3 --output .nanoship/batch.img "${kernel[@]}"
node dist/cli/nanoship.mjs inspect .nanoship/batch.img | sed -n '1,12p'
node dist/cli/nanoship.mjs run .nanoship/batch.img --expect-exit 3 --expect-output 'pi is about 3\.14' --timeout 120
