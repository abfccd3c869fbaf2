"""Figures of one `headroom load` run from its results.jtl, for the protection benches.

jtl_stats.py RESULTS.JTL SECONDS -> prints: ok_per_s ok_p99_ms shed(503) other_errors ok_p50_ms total
(elapsed is measured from the intended send time, so a stalled server cannot hide its stall)."""
import csv
import sys


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100.0 * len(values)))]


def main():
    path, seconds = sys.argv[1], float(sys.argv[2])
    ok, shed, other = [], 0, 0
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            code = row["responseCode"]
            if code.startswith("2"):
                ok.append(float(row["elapsed"]))
            elif code == "503":
                shed += 1
            else:
                other += 1
    print("%.1f %.1f %d %d %.1f %d" % (len(ok) / seconds, pct(ok, 99), shed, other, pct(ok, 50), len(ok) + shed + other))


if __name__ == "__main__":
    main()
