"""The « Ouvrir ma ville » programme for odwb-assist: enrolment register, challenges, obligations and
the « au moins un jeu de données publié sur ODWB » verification."""

from __future__ import annotations

__version__ = "0.1.0"

from .plugin import *  # noqa: F401,F403,E402  (the hook implementations)
