"""Build the world outline of the corpus page's map: src/chronik/web/static/world-110m.geojson.

Input: ``countries-110m.json`` of the npm package world-atlas (TopoJSON of Natural Earth's 1:110m
countries; ISC license, the data public domain), e.g. from ``npm pack world-atlas@2``. The arcs are
decoded (delta coding, quantisation transform) into one GeoJSON feature per country with its name;
coordinates are rounded to 0.01°, which is finer than the 1:110m drawing.

    python tools/build_world.py package/countries-110m.json
"""

from __future__ import annotations

import argparse
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "chronik" / "web" / "static" / "world-110m.geojson"


def decode_arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return unwrap(points)


def unwrap(points: list[list[float]]) -> list[list[float]]:
    """A ring cut at the antimeridian (Russia, Fiji) made continuous: longitudes after a jump of more than
    180° are shifted by 360°, so the ring runs past ±180 (the page draws the map shifted by ±360° too).
    A ring around a pole (Antarctica) crosses once and is left as it is."""
    jumps = sum(1 for a, b in pairwise(points) if abs(a[0] - b[0]) > 180)
    if jumps == 0 or jumps % 2:
        return points
    out = [points[0]]
    shift = 0.0
    for prev, point in pairwise(points):
        step = point[0] - prev[0]
        if step > 180:
            shift -= 360
        elif step < -180:
            shift += 360
        out.append([round(point[0] + shift, 2), point[1]])
    return out


def geometry(geom: dict[str, Any], arcs: list[list[list[float]]]) -> dict[str, Any] | None:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    if geom["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs) for r in poly] for poly in geom["arcs"]]}
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        shape = geometry(geom, arcs)
        if shape is not None:
            features.append({"type": "Feature", "id": geom.get("id"),
                             "properties": {"name": geom.get("properties", {}).get("name")}, "geometry": shape})
    out = {"type": "FeatureCollection", "features": features,
           "source": "world-atlas 2 countries-110m (Natural Earth 1:110m, public domain; world-atlas ISC)"}
    args.output.write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    print(f"{len(features)} countries written to {args.output} ({args.output.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
