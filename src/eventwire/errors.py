"""Errors users see as one clear line (the CLI prints them, never a traceback)."""


class EventwireError(Exception):
    """Base class: a problem with input or set-up that the user can fix."""


class InputError(EventwireError):
    """An input (file, line, value) that cannot be read as an article."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class SetupError(EventwireError):
    """Something eventwire needs is missing (a model package, a gazetteer)."""


class DataFileError(EventwireError, ValueError):
    """A data file of eventwire (``data/**.yaml``) is missing, not YAML, or not shaped as declared
    (see :mod:`eventwire.knowledge`): the message names the file and the key."""
