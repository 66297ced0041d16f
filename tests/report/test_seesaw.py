"""The seesaw picture tilts the way it says: the heavier side sinks, checked against the index it draws."""

from __future__ import annotations

import pytest

from fibrokit.protocols import morning_reading
from fibrokit.report.figures import figure_seesaw
from fibrokit.simulate import fibromyalgia_like, simulate_rest, typical


def _drawn(factory: object, seed: int) -> tuple[float, float, float, list[str]]:
    """The index of a simulated resting reading, the heights of the beam's two ends, and the figure's texts."""
    result = morning_reading(simulate_rest(factory(), duration_s=300, seed=seed).recording)  # type: ignore[operator]
    assert result.hrv is not None
    figure = figure_seesaw(result)
    axes = figure.axes[0]
    beam_x, beam_y = axes.lines[0].get_xdata(), axes.lines[0].get_ydata()
    assert list(beam_x) == [-1.0, 1.0]  # drawn from the vagal (left) end to the sympathetic end
    texts = [text.get_text() for text in axes.texts]
    vagal_label = next(t for t in axes.texts if t.get_text().startswith("vagal"))
    assert vagal_label.get_position()[0] < 0
    return result.hrv["pns_style_index"], float(beam_y[0]), float(beam_y[1]), texts


@pytest.mark.parametrize("seed", [1, 2])
def test_more_vagal_activity_puts_the_vagal_end_lower_and_less_puts_it_higher(seed: int) -> None:
    typical_index, typical_vagal, typical_sympathetic, typical_texts = _drawn(typical, seed)
    fm_index, fm_vagal, fm_sympathetic, fm_texts = _drawn(fibromyalgia_like, seed)
    assert fm_index < typical_index
    for index, vagal, sympathetic, texts in (
        (typical_index, typical_vagal, typical_sympathetic, typical_texts),
        (fm_index, fm_vagal, fm_sympathetic, fm_texts),
    ):
        if index > 0:
            assert vagal < sympathetic
            assert any("vagal side lower" in t for t in texts)
        elif index < 0:
            assert vagal > sympathetic
            assert any("vagal side higher" in t for t in texts)
    # The person with less vagal activity is drawn with the vagal end higher than the other person's.
    assert fm_vagal - fm_sympathetic > typical_vagal - typical_sympathetic
