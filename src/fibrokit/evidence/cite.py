"""Turn evidence keys into the plain citations a result shows beside its numbers."""

from __future__ import annotations

from fibrokit.evidence import fact, source


def cite(keys: tuple[str, ...]) -> tuple[str, ...]:
    """One line per evidence key: the fact's meaning, then the source with its year or date.

    Parameters
    ----------
    keys : tuple of str
        Fact keys of the evidence registry, in the order they should be shown; repeats are dropped.

    Returns
    -------
    tuple of str
        ``"<key>: <statement> [<citation>]"`` for each distinct key.

    Examples
    --------
    >>> cite(("fiqr.divisor.function",))[0].startswith("fiqr.divisor.function: The function domain")
    True
    """
    lines = []
    for key in dict.fromkeys(keys):
        item = fact(key)
        lines.append(f"{key}: {item.statement} [{source(item.source).citation}]")
    return tuple(lines)


def numbers(key: str) -> tuple[float, ...]:
    """The value of fact ``key`` as a tuple of floats, whether it holds one number or several.

    Examples
    --------
    >>> numbers("pgic.immpact")
    (3.0, 2.0, 1.0)
    """
    value = fact(key).value
    return tuple(float(v) for v in value) if isinstance(value, tuple) else (float(value),)
