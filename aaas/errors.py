"""Errors raised while building the book (bad input raises :class:`aaas.params.ParameterError`)."""


class BuildError(RuntimeError):
    """A notebook, a generated page or jupyter-book failed; the message (in French) names
    what failed and where."""
