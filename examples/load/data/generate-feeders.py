#!/usr/bin/env python3
"""Deterministic feeder CSVs for the Explorer templates (same seed, same files).

Matches the default generated sample lake (HEADROOM_SAMPLE_DATASETS, 300 datasets with ids 1..N).
Regenerate for a bigger lake:  python3 examples/load/data/generate-feeders.py --datasets 100000
"""
import argparse
import csv
import os
import random

FOLDERS = ["environment", "finance", "health", "transport", "energy", "education", "agriculture"]
TERMS = ["air", "quality", "sales", "traffic", "weather", "census", "energy", "school", "crop", "price",
         "sensor", "station", "daily", "2024", "monthly", "index", "report", "survey", "grid", "water"]
SORTS = ["name", "-name", "size", "-size", "lastModified", "-lastModified"]
FORMATS = ["csv", "json", "jsonl", "parquet", "tsv"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", type=int, default=300)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "dataset-ids.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "rows"])
        for _ in range(args.rows):
            # Half the reads go to a few popular datasets (Pareto), half anywhere: caches see both.
            popular = min(args.datasets, int(rnd.paretovariate(1.2)))
            anywhere = rnd.randint(1, args.datasets)
            w.writerow([popular if rnd.random() < 0.5 else anywhere, rnd.choice([5, 20, 50, 100])])
    with open(os.path.join(here, "searches.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["q", "folder", "format", "sort", "limit"])
        for _ in range(args.rows):
            w.writerow([rnd.choice(TERMS), rnd.choice(FOLDERS), rnd.choice(FORMATS), rnd.choice(SORTS),
                        rnd.choice([10, 20, 50, 100])])


if __name__ == "__main__":
    main()
