#!/usr/bin/env bash
# Link checking speed and memory (the links issue's benchmark): 5,000 unique URLs over 10 loopback
# hosts answering after 50 ms, with the default politeness (50 ms between starts on a host) and
# with the interval set to 0; then 100,000 unique URLs (5 ms latency) for peak RSS.
# Prints wall time against the lower bound the settings allow:
#   max(unique URLs x latency / min(global, hosts x per-host), URLs of the busiest host x interval)
# Usage: tests/bench/links.sh (after ci/build)
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=build/tests/verity_link_bench
verity=build/src/verity
"$bench" "$verity" 5000 10 50 50
"$bench" "$verity" 5000 10 50 0
"$bench" "$verity" 100000 10 5 0
