#!/usr/bin/env python3
"""Prints every PromQL query that ships with the deployment, one per line as SOURCE<TAB>QUERY, ready
to run against the Prometheus of .ci/prometheus-check:

* each `expr` of the Grafana dashboards (JSON), with Grafana's variables filled in as Grafana
  would: $__rate_interval -> 1m, $instance -> .* (the "All" value);
* each `metricsQuery` of the prometheus-adapter rules (a ConfigMap holding config.yaml), with the
  adapter's template filled in as for one HPA query: <<.Series>> -> the rule's series,
  <<.LabelMatchers>> -> job="headroom", <<.GroupBy>> -> instance (the pod label in a cluster).

    promql-exprs.py DASHBOARD.json... ADAPTER-RULES.yaml...
"""
import json
import re
import sys

import yaml

GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$instance": ".*"}


def dashboard_queries(path):
    def walk(panels):
        for panel in panels:
            for target in panel.get("targets", []):
                yield panel["title"], target["expr"]
            yield from walk(panel.get("panels", []))

    with open(path) as f:
        dashboard = json.load(f)
    for title, expr in walk(dashboard["panels"]):
        for name, value in GRAFANA_VARIABLES.items():
            expr = expr.replace(name, value)
        if "$" in expr:
            sys.exit(f"{path}: panel '{title}' uses a variable this check does not know: {expr}")
        yield f"{path}: {title}", expr


def adapter_queries(path):
    with open(path) as f:
        for document in yaml.safe_load_all(f):
            config = yaml.safe_load(document["data"]["config.yaml"])
            for rule in config["rules"]:
                series = re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", rule["seriesQuery"].strip("'\"")).group(0)
                query = (rule["metricsQuery"].replace("<<.Series>>", series)
                         .replace("<<.LabelMatchers>>", 'job="headroom"').replace("<<.GroupBy>>", "instance"))
                if "<<" in query:
                    sys.exit(f"{path}: rule {rule['name']['as']} uses a template field this check does not fill: {query}")
                yield f"{path}: {rule['name']['as']}", query


for argument in sys.argv[1:]:
    queries = dashboard_queries(argument) if argument.endswith(".json") else adapter_queries(argument)
    for source, query in queries:
        print(f"{source}\t{' '.join(query.split())}")
