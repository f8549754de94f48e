#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench's report: reads tools/bench/guest.sh's output on stdin
("BENCH {json}" lines, one per measurement), adds the module's .text
size, and writes every measurement plus the medians to --json and the
table of figures (tinyip, native, ratio, target, met) to --markdown.
Figures are medians over the runs; ratios are tinyip / native from the
same boot.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def text_bytes(module):
    """The sum of the module's executable .text* sections."""
    out = subprocess.run(["size", "-A", module], check=True,
                         capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 2 and f[0].startswith(".text") and f[1].isdigit():
            total += int(f[1])
    return total


def plot_memory(runs, path):
    """PNG of slab grown (MiB, median) against connection count for both
    stacks, through gnuplot (make bench installs gnuplot-nox)."""
    ns = sorted({r["n"] for r in runs if r["figure"] == "idle"})
    if not ns:
        return
    with tempfile.TemporaryDirectory() as tmp:
        for stack in ("tinyip", "native"):
            with open(os.path.join(tmp, stack), "w") as f:
                f.write("0 0\n")
                for n in ns:
                    kb = [r["slab_kb"] for r in runs if r["figure"] == "idle" and
                          r["n"] == n and r["stack"] == stack]
                    if kb:
                        f.write("%d %.2f\n" % (n, statistics.median(kb) / 1024))
        script = "\n".join([
            "set terminal pngcairo size 800,500",
            "set output '%s'" % path,
            "set title 'Kernel memory (slab) held by idle TCP connections'",
            "set xlabel 'connections (two sockets each)'",
            "set ylabel 'MiB'",
            "set key left top",
            "set grid",
            "plot '%s/native' with linespoints title 'native', "
            "'%s/tinyip' with linespoints title 'tinyip'" % (tmp, tmp),
        ])
        subprocess.run(["gnuplot"], input=script, text=True, check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--module", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--markdown", required=True)
    ap.add_argument("--plot", help="PNG of memory against connection count")
    a = ap.parse_args()

    runs = [json.loads(line[len("BENCH "):]) for line in sys.stdin
            if line.startswith("BENCH ")]
    if not runs:
        sys.exit("report: no BENCH lines in the guest's output")
    rows = []

    def median(pick, key, scale, stack):
        vals = [r[key] * scale for r in runs if pick(r) and r["stack"] == stack]
        return statistics.median(vals) if vals else None

    def row(title, unit, pick, key, scale, target, better, limit=None,
            extra=()):
        """A figure from the runs PICK selects: the median of KEY times
        SCALE per stack, their ratio, and whether it meets TARGET (a ratio
        at most it when BETTER is "lower", at least it else) and, with
        LIMIT, whether tinyip's figure is at most LIMIT. The medians of
        the EXTRA keys go into the JSON beside it."""
        med = {stack: median(pick, key, scale, stack) for stack in ("tinyip", "native")}
        ratio = med["tinyip"] / med["native"] if med["tinyip"] is not None and \
            med["native"] else None
        met = ratio is not None and (ratio <= target if better == "lower" else ratio >= target)
        goal = ("<= %gx" if better == "lower" else ">= %gx") % target
        if limit is not None:
            met = met and med["tinyip"] <= limit
            goal = "<= %g %s and %s" % (limit, unit, goal)
        rows.append({"figure": title, "unit": unit, "tinyip": med["tinyip"],
                     "native": med["native"], "ratio": ratio, "target": goal,
                     "met": met, "runs": len([r for r in runs if pick(r)]) // 2})
        for k in extra:
            rows[-1][k] = {stack: median(pick, k, 1, stack) for stack in ("tinyip", "native")}

    for n in sorted({r["n"] for r in runs if r["figure"] == "idle"}):
        row("kernel memory per idle fd-backed TCP connection, N = %d" % n, "B",
            lambda r, n=n: r["figure"] == "idle" and r["n"] == n, "per_conn", 1,
            0.6, "lower")
    for n in sorted({r["n"] for r in runs if r["figure"] == "idle6"}):
        row("kernel memory per idle fd-backed TCP connection over IPv6, N = %d" % n,
            "B", lambda r, n=n: r["figure"] == "idle6" and r["n"] == n, "per_conn",
            1, 0.6, "lower")
    for n in sorted({r["n"] for r in runs if r["figure"] == "raw"}):
        row("kernel memory per idle fd-less TCP connection end (tinyip raw API, "
            "native in-kernel socket), N = %d" % n, "B",
            lambda r, n=n: r["figure"] == "raw" and r["n"] == n, "per_end", 1,
            0.1, "lower", limit=256, extra=("budget_per_end", "pcb_slab_object"))
    if any(r["figure"] == "stream" for r in runs):
        row("single-stream TCP throughput over veth (iperf3)", "Mbit/s",
            lambda r: r["figure"] == "stream", "bps", 1e-6, 0.8, "higher")
    if any(r["figure"] == "stream6" for r in runs):
        row("single-stream TCP throughput over veth, IPv6 (iperf3)", "Mbit/s",
            lambda r: r["figure"] == "stream6", "bps", 1e-6, 0.8, "higher")
    if any(r["figure"] == "ping" for r in runs):
        row("TCP request/response rate, 1 byte each way, one connection", "/s",
            lambda r: r["figure"] == "ping", "per_sec", 1, 1.0, "higher")
    if any(r["figure"] == "udp" for r in runs):
        row("small-datagram UDP rate (18-byte datagrams delivered)", "/s",
            lambda r: r["figure"] == "udp", "per_sec", 1, 1.0, "higher")
    if any(r["figure"] == "connect" for r in runs):
        row("TCP connection rate (connect, 1 byte each way, close)", "/s",
            lambda r: r["figure"] == "connect", "per_sec", 1, 1.0, "higher")
    if any(r["figure"] == "flows" for r in runs):
        row("peak kernel memory, 100 concurrent bulk TCP flows (iperf3 -P 100)",
            "MiB", lambda r: r["figure"] == "flows", "peak_kb", 1 / 1024, 0.2,
            "lower", extra=("stack_peak_kb",))
        row("aggregate TCP throughput, 100 concurrent bulk flows (iperf3 -P 100)",
            "Mbit/s", lambda r: r["figure"] == "flows", "bps", 1e-6, 0.8, "higher")
    text = text_bytes(a.module)
    rows.append({"figure": "tinyip.ko .text, full build (no apps exist yet)",
                 "unit": "KB", "tinyip": round(text / 1024, 1), "native": None,
                 "ratio": None, "target": "<= 120 KB", "met": text <= 120 * 1024})
    with open(a.json, "w") as f:
        json.dump({"kernel": a.kernel, "figures": rows, "measurements": runs}, f,
                  indent=1)
        f.write("\n")

    def fmt(v):
        if v is None:
            return "-"
        return "%.2f" % v if isinstance(v, float) and v < 10 else "%d" % round(v)

    with open(a.markdown, "w") as f:
        f.write("| figure (%s) | tinyip | native | ratio | target | met |\n" % a.kernel)
        f.write("|---|---|---|---|---|---|\n")
        for r in rows:
            unit = " " + r["unit"]
            f.write("| %s | %s | %s | %s | %s | %s |\n" % (
                r["figure"], fmt(r["tinyip"]) + unit,
                fmt(r["native"]) + unit if r["native"] is not None else "-",
                "%.2fx" % r["ratio"] if r["ratio"] is not None else "-",
                r["target"], "yes" if r["met"] else "no"))
    if a.plot:
        plot_memory(runs, a.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
