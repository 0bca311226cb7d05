"""Helpers shared by the programme plugin's tests."""

from __future__ import annotations

from odwb_assist_programme.api import Programme


def confirm(prog: Programme, name: str, *, nis: str | None = None, publishers: tuple[str, ...] = (),
            participants: int = 1, paid_on: str = "2021-04-20") -> None:
    prog.enrol(name, type="commune", nis_code=nis, publishers=publishers,
               participants=[(f"Personne {i} {name}", f"p{i}@example.be") for i in range(1, participants + 1)],
               requested_on="2021-03-01")
    prog.sign(name, "2021-03-10")
    prog.invoice(name, "2021-03-15")
    prog.pay(name, paid_on)
