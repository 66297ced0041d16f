"""Severity bands read from the evidence registry: names, the lower edge of each band, and the source."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from fibrokit.evidence.cite import numbers


@dataclass(frozen=True)
class Banding:
    """A named set of severity bands.

    Attributes
    ----------
    name : str
        Name of the banding, e.g. ``"wolfe_2015"``.
    names : tuple of str
        Band names from lowest to highest.
    evidence : str
        Key of the fact holding the lower edges of every band but the first.
    """

    name: str
    names: tuple[str, ...]
    evidence: str

    def edges(self) -> tuple[float, ...]:
        """Lower edges of the second and later bands."""
        edges = numbers(self.evidence)
        if len(edges) != len(self.names) - 1:
            raise RuntimeError(
                f"evidence {self.evidence!r} does not match the {len(self.names)} bands of {self.name}"
            )
        return edges

    def band(self, value: float) -> str:
        """The band holding ``value``: a value at an edge belongs to the higher band."""
        return self.names[bisect_right(self.edges(), value)]


SEVERITY_5 = ("remission", "mild", "moderate", "severe", "very severe")

FIQR_BANDINGS = {"salaffi_2020": Banding("salaffi_2020", SEVERITY_5, "fiqr.band.salaffi_2020")}

PSD_BANDINGS = {
    "wolfe_2015": Banding(
        "wolfe_2015", ("none", "mild", "moderate", "severe", "very severe"), "psd.band.wolfe_2015"
    ),
    "salaffi_2020": Banding("salaffi_2020", SEVERITY_5, "psd.band.salaffi_2020"),
}
