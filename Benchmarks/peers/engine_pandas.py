#!/usr/bin/env python3
"""The pandas peer of the ictindex engine benchmark.

Reads the methodology YAML and the answers CSV that `ictindex-bench` generated, computes the same
scores, aggregation, missing-data policies, rescaling, ranks and node statistics, vectorised with
pandas/numpy, times the same stages, and checks its index values against the Swift results
(results-swift.csv) to 1e-9. It supports exactly the subset of the methodology language the
synthetic methodology uses (points scale; ratio, relative_to_best, goalpost, steps, capped_count,
min_max, z_score, yes_no; arithmetic and geometric means; zero and reweight policies; min_max
rescale; + - * / min max in expressions).

    python engine_pandas.py --out DIR [--units N] [--repeat R] [--scaling 1000,2000,...]
    python engine_pandas.py --pipeline METHODOLOGY.yaml ANSWERS.csv RESULTS.csv

`--pipeline` does once what `ictindex compute … --format csv` does, for the scale benchmark
(Benchmarks/run-scale-bench.sh, which measures the time and peak memory of the whole process):
read the methodology and the answers CSV, compute and rank, write every unit's index and rank.
"""

import argparse
import ast
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd
import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# ---------------------------------------------------------------- methodology

def compile_expression(text):
    """Compiles an expression to a function of (columns dict) -> numpy array; NaN = missing."""
    def compile_node(node):
        if isinstance(node, ast.Constant):
            value = float(node.value)
            return lambda env: value
        if isinstance(node, ast.Name):
            name = node.id
            return lambda env: env[name]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = compile_node(node.operand)
            return lambda env: -inner(env)
        if isinstance(node, ast.BinOp):
            left, right = compile_node(node.left), compile_node(node.right)
            if isinstance(node.op, ast.Add):
                return lambda env: left(env) + right(env)
            if isinstance(node.op, ast.Sub):
                return lambda env: left(env) - right(env)
            if isinstance(node.op, ast.Mult):
                return lambda env: left(env) * right(env)
            if isinstance(node.op, ast.Div):
                def divide(env):
                    a, b = left(env), right(env)
                    with np.errstate(divide="ignore", invalid="ignore"):
                        return np.where(b == 0, np.nan, a / b)  # division by zero is missing
                return divide
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
            arguments = [compile_node(a) for a in node.args]
            reduce = np.minimum if node.func.id == "min" else np.maximum  # both propagate NaN

            def call(env):
                result = arguments[0](env)
                for argument in arguments[1:]:
                    result = reduce(result, argument(env))
                return result
            return call
        raise ValueError(f"unsupported expression: {text}")
    return compile_node(ast.parse(str(text), mode="eval").body)


class Node:
    __slots__ = ("id", "children", "weight", "aggregation", "rescale", "missing", "expression", "scoring")


def load_methodology(text):
    """Parses the YAML and flattens the tree children-first (root last), like BlockPlan."""
    document = yaml.load(text, Loader=LOADER)
    assert document.get("scale", "points") == "points"
    fields = [f["id"] for f in document["fields"] if f["type"] != "text"]
    derived = [(d["id"], compile_expression(d["value"])) for d in document.get("derived", [])]
    nodes = []

    def add(spec, parent_policy):
        policy = spec.get("missing", parent_policy)
        children = [add(child, policy) for child in spec.get("children", [])]
        node = Node()
        node.id = spec["id"]
        node.children = children
        node.aggregation = spec.get("aggregate", "arithmetic")
        node.rescale = spec.get("rescale")
        node.missing = policy
        if children:
            node.weight = sum(nodes[c].weight for c in children)  # points: the sum of the children
            node.expression = node.scoring = None
        else:
            node.weight = float(spec["weight"])
            node.expression = compile_expression(spec["value"])
            node.scoring = parse_scoring(spec["score"])
        nodes.append(node)
        return len(nodes) - 1

    add(document["index"], document.get("missing", "zero"))
    decimals = (document.get("ranking") or {}).get("decimals")
    return {"fields": fields, "derived": derived, "nodes": nodes, "decimals": decimals}


def parse_scoring(spec):
    if isinstance(spec, str):
        spec = {"rule": spec}
    scoring = dict(spec)
    scoring.setdefault("direction", "higher")
    if scoring["rule"] == "steps":
        higher = scoring["direction"] == "higher"
        key = "at_least" if higher else "at_most"
        steps = [(float(s[key]), ("points", float(s["points"])) if "points" in s else ("score", float(s["score"])))
                 for s in scoring["steps"]]
        steps.sort(key=lambda s: -s[0] if higher else s[0])  # the most demanding threshold first
        scoring["steps"] = steps
    return scoring


# ---------------------------------------------------------------- scoring

def score(raw, scoring, weight):
    present = ~np.isnan(raw)
    higher = scoring["direction"] == "higher"
    rule = scoring["rule"]
    values = raw[present]
    count = values.size
    if count:
        minimum, maximum = values.min(), values.max()
        mean = values.sum() / count
        squares = ((values - mean) ** 2).sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        if rule == "ratio":
            s = np.clip(raw, 0, 1)
            out = s if higher else 1 - s
        elif rule == "yes_no":
            out = ((raw != 0) == higher).astype(float)
        elif rule == "relative_to_best":
            best = maximum if higher else minimum
            if higher:
                out = np.clip(raw / best, 0, 1) if best > 0 else np.zeros_like(raw)
            else:
                out = np.where(raw > 0, np.clip(best / raw, 0, 1), 1.0)
            out = np.where(raw == best, 0.0 if (best == 0 and higher) else 1.0, out)
        elif rule == "goalpost":
            low, high = float(scoring["low"]), float(scoring["high"])
            s = np.clip((raw - low) / (high - low), 0, 1)
            out = s if higher else 1 - s
        elif rule == "steps":
            conditions = [raw >= t if higher else raw <= t for t, _ in scoring["steps"]]
            awards = [(min(max(a / weight, 0), 1) if weight > 0 else 0.0) if kind == "points" else a
                      for _, (kind, a) in scoring["steps"]]
            out = np.select(conditions, awards, 0.0)  # the first matching step wins
        elif rule == "capped_count":
            cap = float(scoring["cap"])
            s = np.minimum(np.maximum(raw, 0), cap) / cap
            out = s if higher else 1 - s
        elif rule == "min_max":
            out = min_max(raw, higher, minimum, maximum) if count else raw
        elif rule == "z_score":
            if scoring.get("sd") == "population":
                sd = np.sqrt(squares / count) if count else 0.0
            else:
                sd = np.sqrt(squares / (count - 1)) if count > 1 else 0.0
            z = (raw - mean) / sd if sd > 0 else np.zeros_like(raw)
            out = z if higher else -z
        else:
            raise ValueError(f"unsupported rule {rule}")
    return np.where(present, out, np.nan)


def min_max(raw, higher, minimum, maximum):
    span = maximum - minimum
    if span == 0:
        return np.where(np.isnan(raw), np.nan, 1.0)
    return (raw - minimum) / span if higher else (maximum - raw) / span


def aggregate(node, scores, weights):
    children = scores[node.children]            # k × n
    w = weights[node.children][:, None]         # k × 1
    present = ~np.isnan(children)
    weight_sum = (w * present).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        if node.aggregation == "arithmetic":
            out = np.where(present, w * children, 0.0).sum(axis=0) / weight_sum
        elif node.aggregation == "geometric":
            positive = present & (children > 0)
            zero = (present & ~positive & (w > 0)).any(axis=0)
            logs = np.where(positive, w * np.log(np.where(positive, children, 1.0)), 0.0).sum(axis=0)
            out = np.where(zero, 0.0, np.exp(logs / weight_sum))
        else:
            raise ValueError(f"unsupported aggregation {node.aggregation}")
    # No child present: missing (weights are positive, so a zero sum means nothing is present).
    return np.where(weight_sum > 0, out, np.nan)


def round_published(values, decimals):
    """Rounds half away from zero after a 1e-12 relative nudge, as IndexCore's PublishedRounding.round."""
    scale = 10.0 ** decimals
    scaled = values * scale
    nudged = scaled + scaled * 1e-12
    whole = np.trunc(nudged)
    rounded = whole + np.where(np.abs(nudged - whole) >= 0.5, np.sign(nudged), 0.0)
    return rounded / scale


def compute(model, answers):
    """Scores, aggregates, ranks and summarises one block; `answers` is a DataFrame of units."""
    answers = answers.sort_values("unit_id", kind="stable")
    n = len(answers)
    columns = {f: answers[f].to_numpy(dtype=float) for f in model["fields"]}
    for name, expression in model["derived"]:
        columns[name] = np.broadcast_to(expression(columns), (n,)).astype(float)
    nodes = model["nodes"]
    weights = np.array([node.weight for node in nodes])
    scores = np.empty((len(nodes), n))
    for index, node in enumerate(nodes):
        if node.children:
            values = aggregate(node, scores, weights)
        else:
            raw = np.broadcast_to(node.expression(columns), (n,)).astype(float)
            values = score(raw, node.scoring, node.weight)
        if node.rescale == "min_max":
            present = values[~np.isnan(values)]
            if present.size:
                values = min_max(values, True, present.min(), present.max())
        if node.missing == "zero":
            values = np.where(np.isnan(values), 0.0, values)
        elif node.missing == "fail" and np.isnan(values).any():
            raise ValueError(f"missing value for {node.id} with policy fail")
        scores[index] = values
    frame = pd.DataFrame(scores.T, index=answers["unit_id"].to_numpy(), columns=[node.id for node in nodes])
    ranked = frame if model["decimals"] is None else frame.apply(lambda c: round_published(c.to_numpy(), model["decimals"]))
    ranks = ranked.rank(method="min", ascending=False).fillna(0).astype(int)
    stats = frame.agg(["count", "mean", "median", "min", "max"])
    return frame, ranks, stats


# ---------------------------------------------------------------- timing

def measure(repetitions, body):
    body()  # warm-up
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter_ns()
        body()
        samples.append((time.perf_counter_ns() - start) * 1e-9)
    return {"median": statistics.median(samples), "min": min(samples), "samples": samples}


def ms(seconds):
    return f"{seconds * 1000:9.2f} ms"


def pipeline(methodology_path, answers_path, results_path):
    """Methodology and answers from files, computed once, results to a CSV: the whole command."""
    with open(methodology_path, encoding="utf-8") as f:
        model = load_methodology(f.read())
    answers = pd.read_csv(answers_path)
    frame, ranks, _ = compute(model, answers)
    frame.assign(rank=ranks["index"]).to_csv(results_path)
    return 0


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--pipeline":
        return pipeline(*sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="Benchmarks/out")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--scaling", default="1000,2000,5000,10000,20000")
    parser.add_argument("--no-scaling", action="store_true")
    options = parser.parse_args()
    out = options.out

    with open(f"{out}/methodology.yaml", encoding="utf-8") as f:
        text = f.read()
    answers_path = f"{out}/answers.csv"
    answers = pd.read_csv(answers_path)
    model = load_methodology(text)
    print(f"engine_pandas: {sum(not n.children for n in model['nodes'])} leaves, {len(model['nodes'])} nodes, "
          f"{len(model['fields'])} fields, {len(answers)} units, {options.repeat} repetitions (+1 warm-up)")
    print(f"pandas {pd.__version__}, numpy {np.__version__}, PyYAML {yaml.__version__} ({LOADER.__name__}), "
          f"Python {sys.version.split()[0]}")

    parse = measure(options.repeat, lambda: load_methodology(text))
    read = measure(options.repeat, lambda: pd.read_csv(answers_path))
    result = {}

    def run_compute():
        result["frame"], result["ranks"], result["stats"] = compute(model, answers)
    computed = measure(options.repeat, run_compute)

    def run_total():
        compute(load_methodology(text), answers)
    total = measure(options.repeat, run_total)

    print()
    print("stage                    median          min")
    for name, timing in [("parse methodology", parse), ("compute + rank", computed), ("total", total),
                         ("(read answers CSV)", read)]:
        print(f"{name:<20}{ms(timing['median'])}  {ms(timing['min'])}")

    # Same work: compare with the Swift engine's results.
    frame, ranks = result["frame"], result["ranks"]
    swift = pd.read_csv(f"{out}/results-swift.csv", dtype={"unit_id": str}).set_index("unit_id")
    swift = swift.loc[frame.index]
    difference = float(np.max(np.abs(swift["index"].to_numpy() - frame["index"].to_numpy())))
    categories = [c for c in swift.columns if c not in ("index", "rank")]
    category_difference = float(np.max(np.abs(swift[categories].to_numpy() - frame[categories].to_numpy())))
    rank_mismatches = int((swift["rank"].to_numpy() != ranks["index"].to_numpy()).sum())
    same = difference <= 1e-9 and category_difference <= 1e-9 and rank_mismatches == 0
    print()
    print(f"check against Swift: max |Δ index| = {difference:.3g}, max |Δ category| = {category_difference:.3g}, "
          f"rank mismatches = {rank_mismatches} → {'SAME' if same else 'DIFFERENT'}")

    scaling = []
    if not options.no_scaling and options.scaling:
        everything = pd.read_csv(f"{out}/answers-scaling.csv")
        print()
        print("units     compute + rank median          min    per unit (median)")
        for count in (int(c) for c in options.scaling.split(",")):
            subset = everything.head(count)
            timing = measure(options.repeat, lambda: compute(model, subset))
            scaling.append({"units": count, "median": timing["median"], "min": timing["min"]})
            print(f"{count:<8}{ms(timing['median'])}  {ms(timing['min'])}  {timing['median'] / count * 1e6:10.2f} µs")

    with open(f"{out}/timings-pandas.json", "w", encoding="utf-8") as f:
        json.dump({
            "tool": "pandas", "units": len(answers), "repetitions": options.repeat,
            "versions": {"python": sys.version.split()[0], "pandas": pd.__version__, "numpy": np.__version__,
                         "pyyaml": yaml.__version__, "yaml_loader": LOADER.__name__},
            "stages": {"parse": parse, "compute": computed, "total": total, "read_csv": read},
            "scaling": scaling,
            "check": {"max_index_difference": difference, "max_category_difference": category_difference,
                      "rank_mismatches": rank_mismatches, "same": same},
        }, f, indent=2)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
