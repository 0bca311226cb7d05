"""Is a dataset id already taken on the portal by someone else?

The Automation API lists only the datasets the key may edit, so a dataset id used by another
account looks free until the creation is refused. The public catalogue tells who uses it: asked
before a first publication (the dry run included), so that « déjà utilisé par … » comes with a
suggestion instead of a refusal half way.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.errors import InputError, NotFoundError
from ..metadata.vocabularies import fold


def taken_by(client: Any, dataset_id: str) -> str | None:
    """The publisher shown for ``dataset_id`` in the public catalogue, or None when the id is free there."""
    try:
        entry = client.explore.dataset(dataset_id)
    except NotFoundError:
        return None
    default = (entry.get("metas") or {}).get("default") or {}
    return str(default.get("publisher") or "").strip() or "un autre compte"


def suggestion(dataset_id: str, publisher: str) -> str:
    """``ciney-parkings-velos`` for « Participant 07 » → ``participant-07-ciney-parkings-velos``."""
    mine = re.sub(r"[^a-z0-9]+", "-", fold(publisher)).strip("-")[:40].strip("-")
    return f"{mine}-{dataset_id}"[:255] if mine else f"{dataset_id}-2"


def refuse_if_taken(client: Any, dataset_id: str, publisher: str, portal: str) -> None:
    """An :class:`InputError` naming the other user and an id to use instead, when ``dataset_id`` is taken."""
    owner = taken_by(client, dataset_id)
    if owner is None:
        return
    other = suggestion(dataset_id, publisher)
    raise InputError(
        f"L'identifiant « {dataset_id} » est déjà utilisé par « {owner} » sur {portal} : vous ne pouvez pas le "
        f"modifier. Choisissez un autre id dans odwb.toml (ligne id = …), par exemple « {other} », puis relancez.",
        f"The identifier '{dataset_id}' is already used by '{owner}' on {portal}: you cannot change it. Choose "
        f"another id in odwb.toml (line id = …), for example '{other}', then run again.",
    )
