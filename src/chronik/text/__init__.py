"""Text stage: segmentation into sentences and tokens, part-of-speech tagging and lemmas."""

from chronik.text.normalize import norm
from chronik.text.segment import Segmenter
from chronik.text.tagger import Tagger

__all__ = ["Segmenter", "Tagger", "norm"]
