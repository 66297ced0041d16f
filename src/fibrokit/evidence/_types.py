"""The record types of the evidence registry: a :class:`Source` and a :class:`Fact` that cites it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A publication or standard that a fact comes from.

    Parameters
    ----------
    key : str
        Short stable identifier, e.g. ``"task_force_1996"``.
    citation : str
        Authors, title, journal, year, volume and pages.
    doi : str
        DOI without the resolver prefix, or ``""`` when the work has none.
    pmid : str
        PubMed identifier, or ``""``.
    url : str
        Where the work (or an official page about it) can be read, when there is no DOI.
    found : str
        What the work found, in plain words, as far as fibrokit's sources show it (studies only).
    """

    key: str
    citation: str
    doi: str = ""
    pmid: str = ""
    url: str = ""
    found: str = ""

    @property
    def link(self) -> str:
        """The best link to the source: its DOI, PubMed page or URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


@dataclass(frozen=True)
class Fact:
    """One number (or range) from medicine or signal analysis, with where it comes from.

    Parameters
    ----------
    key : str
        Dotted identifier used by code, e.g. ``"hrv.band.hf_hz"``.
    value : float or tuple of float
        The number, or a ``(low, high)`` range, or a tuple of numbers such as ``(mean, sd)``.
    unit : str
        Unit of the value (``"Hz"``, ``"ms"``, ``"%"``, ``""`` for ratios).
    source : str
        Key of the :class:`Source`.
    statement : str
        What the number means, in plain words.
    where : str
        Where in the source it appears (table, section, page).
    convention : bool
        True for a processing convention of fibrokit's own (stated with its reasoning instead of a clinical
        source); such facts are never used to interpret a person's values.
    note : str
        How the value was checked, when not against the primary text (e.g. "as quoted by ...").
    """

    key: str
    value: float | tuple[float, ...]
    unit: str
    source: str
    statement: str
    where: str = ""
    convention: bool = False
    note: str = ""

    def scalar(self) -> float:
        """The value as one float; raises for ranges and tuples."""
        if isinstance(self.value, tuple):
            raise TypeError(f"evidence {self.key!r} holds {len(self.value)} numbers, not one")
        return float(self.value)

    def pair(self) -> tuple[float, float]:
        """The value as a ``(low, high)`` or ``(mean, sd)`` pair."""
        if not isinstance(self.value, tuple) or len(self.value) != 2:
            raise TypeError(f"evidence {self.key!r} does not hold a pair")
        return float(self.value[0]), float(self.value[1])


@dataclass(frozen=True)
class ResearchFinding:
    """One finding of the source articles, set beside what the paper it cites actually found.

    Parameters
    ----------
    key : str
        Short stable identifier, e.g. ``"blunted_rise"``.
    topic : str
        A title in plain words.
    article : str
        Which source article makes the claim.
    article_says : str
        What the article says, in fibrokit's own words.
    paper_found : str
        What the cited paper found, as far as fibrokit's sources show it.
    tag : str
        ``"C"`` confirmed in the cited source, ``"U"`` not supported by the sources read, ``"C/U"`` partly,
        ``"A"`` the article's advice or a clinician's opinion rather than a study result.
    sources : tuple of str
        Keys of the sources (studies) behind it.
    measure : str
        What fibrokit measures for the person on this topic (a result key such as
        ``"exercise-test:chronotropic_reserve_pct"``), or ``""`` when a wearable cannot measure it.
    measure_note : str
        What the person can do with fibrokit on this topic, in one sentence.
    """

    key: str
    topic: str
    article: str
    article_says: str
    paper_found: str
    tag: str
    sources: tuple[str, ...]
    measure: str = ""
    measure_note: str = ""


@dataclass(frozen=True)
class Caution:
    """A safety statement shown before a guided test, in fibrokit's own plain words, with its sources.

    It says who should not do the test, when to stop, or what cannot be measured.

    Parameters
    ----------
    key : str
        Dotted identifier, e.g. ``"safety.exercise.not_after_heart_attack"``.
    test : str
        The protocol kind it belongs to (``"exercise-test"``, ``"valsalva"``).
    part : {"not_for", "stop", "measure"}
        Who should not do the test (or only with their doctor's agreement), when to stop it, or what a phone
        cannot measure and how the test approximates it.
    text : str
        The statement, for the person, in plain words.
    sources : tuple of str
        Keys of the :class:`Source` entries it rests on.
    note : str
        How the source was read (for example as quoted by a secondary table), when not in full.
    """

    key: str
    test: str
    part: str
    text: str
    sources: tuple[str, ...]
    note: str = ""
