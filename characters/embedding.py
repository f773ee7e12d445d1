"""A character's embedding: a fixed-length feature vector, comparable by cosine similarity.

Method (`EMBEDDING_METHOD`): the character's text (name, nickname, description, personality, traits,
backstory, scenario, tags) through scikit-learn's HashingVectorizer (words and word pairs hashed into
512 dimensions, no vocabulary to fit or download, L2-normalized), followed by 24 image features from
Pillow: an 8-bin histogram of each RGB channel over every reference image, averaged and L2-normalized.
The text part weighs 0.8 and the image part 0.2; the whole vector is L2-normalized again.
"""

import numpy
from PIL import Image
from sklearn.feature_extraction.text import HashingVectorizer

from core.uploads.images import DECODERS

EMBEDDING_METHOD = "hashing-512-words+rgb-histogram-24/v1"
TEXT_DIMENSIONS, HISTOGRAM_BINS = 512, 8
TEXT_WEIGHT, IMAGE_WEIGHT = 0.8, 0.2
_vectorizer = HashingVectorizer(
    n_features=TEXT_DIMENSIONS, alternate_sign=False, ngram_range=(1, 2), norm="l2", lowercase=True
)


def character_text(character) -> str:
    parts = [
        character.name,
        character.nickname,
        character.description,
        character.personality,
        " ".join(character.personality_traits or []),
        character.backstory,
        character.scenario,
        " ".join(tag.name for tag in character.tags.all()),
    ]
    return "\n".join(part for part in parts if part)


def text_features(text: str) -> numpy.ndarray:
    return _vectorizer.transform([text]).toarray()[0]


def image_features(files) -> numpy.ndarray:
    """The mean colour histogram of the images (opened files); zeros when there are none."""
    histograms = []
    for file in files:
        with Image.open(file, formats=DECODERS) as image:
            small = image.convert("RGB").resize((64, 64))
        counts = numpy.array(small.histogram(), dtype=float).reshape(3, 256)
        histograms.append(counts.reshape(3, HISTOGRAM_BINS, -1).sum(axis=2).ravel())
    if not histograms:
        return numpy.zeros(3 * HISTOGRAM_BINS)
    return _normalized(numpy.mean(histograms, axis=0))


def _normalized(vector: numpy.ndarray) -> numpy.ndarray:
    norm = numpy.linalg.norm(vector)
    return vector / norm if norm else vector


def combine(text: numpy.ndarray, images: numpy.ndarray) -> list[float]:
    vector = _normalized(numpy.concatenate([text * TEXT_WEIGHT, images * IMAGE_WEIGHT]))
    return [round(float(value), 6) for value in vector]


def cosine_ranking(target: list[float], candidates: dict[int, list[float]]) -> list[tuple[int, float]]:
    """(id, similarity) of the candidates, most similar first. The vectors are unit length already."""
    if not candidates:
        return []
    ids = list(candidates)
    matrix = numpy.array([candidates[i] for i in ids], dtype=float)
    scores = matrix @ numpy.array(target, dtype=float)
    return sorted(zip(ids, scores.tolist(), strict=True), key=lambda pair: -pair[1])
