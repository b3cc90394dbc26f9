"""Read a GraphML or GEXF export with networkx and print what it found as JSON.

Usage: python3 readback.py graphml|gexf FILE
"""
import json
import sys

import networkx as nx

fmt, path = sys.argv[1], sys.argv[2]
g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
out = {
    "nodes": g.number_of_nodes(),
    "edges": g.number_of_edges(),
    "node": {str(n): d for n, d in g.nodes(data=True)},
    "edge": [dict(d, source=str(u), target=str(v)) for u, v, d in g.edges(data=True)],
}
print(json.dumps(out, default=str))
