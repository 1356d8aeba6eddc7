"""Reads gen's open data (data/*.csv) with Python's csv module alone and checks that it gives
the figures of the 2024 conference report, and that the provinces add up to the region."""
import csv
import sys
from decimal import Decimal, ROUND_HALF_UP


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def billion(million):
    return Decimal(million).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 1000


def main(folder):
    region = {r["source"]: r for r in rows(f"{folder}/region.csv")}
    total = region["Tổng"]
    expect = {
        ("Tổng", "plan_million_vnd"): Decimal("91.301"),
        ("Tổng", "executed_million_vnd"): Decimal("25.297"),
        ("KCQG", "executed_million_vnd"): Decimal("3.933"),
        ("KCĐP", "executed_million_vnd"): Decimal("21.364"),
        ("Tổng", "previous_plan_million_vnd"): Decimal("99.354"),
        ("Tổng", "previous_executed_million_vnd"): Decimal("33.956"),
    }
    bad = 0
    for (source, column), want in expect.items():
        got = billion(region[source][column])
        if got != want:
            print(f"{source} {column}: {got} tỷ, want {want}")
            bad += 1
    rates = {"Tổng": "27.71", "KCQG": "12.18", "KCĐP": "36.21"}
    for source, want in rates.items():
        if region[source]["execution_rate_percent"] != want:
            print(f"{source} rate {region[source]['execution_rate_percent']}, want {want}")
            bad += 1
    provinces = rows(f"{folder}/provinces.csv")
    projects = rows(f"{folder}/projects.csv")
    for column in ("plan_million_vnd", "executed_million_vnd"):
        by_province = sum(Decimal(p[column]) for p in provinces)
        by_project = sum(Decimal(p[column]) for p in projects)
        if not (by_province == by_project == Decimal(total[column])):
            print(f"{column}: provinces {by_province}, projects {by_project}, "
                  f"region {total[column]}")
            bad += 1
    if len(provinces) != 20:
        print(f"{len(provinces)} provinces, want 20")
        bad += 1
    print("open data: every figure matches" if not bad else f"open data: {bad} mismatch(es)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
