"""Place stage: locations named in the text, resolved with an offline gazetteer."""

from chronik.places.gazetteer import Gazetteer, PlaceFinder

__all__ = ["Gazetteer", "PlaceFinder"]
