"""The national benchmark's 357 models are sized like Norway's municipalities, the same every run."""

from __future__ import annotations

from national import MUNICIPALITIES, TARGETS, sizes


def test_357_models_sized_like_the_municipalities_and_seeded() -> None:
    counts = sizes()
    assert counts == sizes()
    assert counts != sizes(seed=1)
    assert len(counts) == MUNICIPALITIES == 357
    assert 4_850 <= counts[0] <= 5_050  # Oslo
    assert all(1_200 <= c <= 2_500 for c in counts[1:5])
    assert min(counts) == 50
    assert max(counts[20:]) <= 400
    assert sum(50 <= c <= 300 for c in counts) == 325  # most of them
    assert sum(c < 100 for c in counts) == 99  # small municipalities
    assert sum(counts) == 71_683
    assert TARGETS == {"all cores / --jobs 1 (cold)": 0.6, "warm cache / cold": 0.1}
