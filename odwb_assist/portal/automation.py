"""The Automation API v1.0 (write side): datasets, resources, files, metadata, templates, publication.

Datasets are addressed by their ``uid`` (``da_…``); :meth:`AutomationAPI.find_dataset` finds it from
the human ``dataset_id``. Metadata are written one field at a time (``PUT …/metadata/{template}/{field}/``):
this client has no whole-template PUT, which would delete every omitted field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import NotFoundError, PublicationError
from .upload import upload_body

if TYPE_CHECKING:
    from .transport import Transport

BUSY_STATUSES = ("queued", "processing", "aborting_processing", "deleting", "saving_version")
FAILED_STATUSES = ("error", "limit_reached")


class AutomationAPI:
    """Manage datasets on the portal (``client.automation``); needs an API key with edit rights."""

    def __init__(self, client: Transport) -> None:
        self.client = client

    # --- paging -------------------------------------------------------------------------------

    def paginate(self, path: str, params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Every item of a list endpoint, following ``next`` until it is null."""
        page = self.client.get_json(path, params={"limit": 100, **(params or {})})
        while True:
            yield from page.get("results") or []
            following = page.get("next")
            if not following:
                return
            page = self.client.get_json(following)

    # --- datasets -----------------------------------------------------------------------------

    def list_datasets(self, dataset_id: str | None = None) -> Iterator[dict[str, Any]]:
        return self.paginate("/datasets/", {"dataset_id": dataset_id} if dataset_id else None)

    def find_dataset(self, dataset_id: str) -> dict[str, Any] | None:
        """The dataset whose ``dataset_id`` is this one, or ``None``."""
        for item in self.list_datasets(dataset_id):
            if item.get("dataset_id") == dataset_id:
                return item
        return None

    def create_dataset(self, dataset_id: str, metadata: dict[str, Any], *, is_restricted: bool = False) -> dict[str, Any]:
        """Create a dataset; a lost answer is checked by looking the id up before any second try."""
        body = {"dataset_id": dataset_id, "is_restricted": is_restricted, "metadata": metadata}
        return dict(self.client.send_json("POST", "/datasets/", body, check=lambda: self.find_dataset(dataset_id)))

    def get_dataset(self, uid: str) -> dict[str, Any]:
        return dict(self.client.get_json(f"/datasets/{uid}/"))

    def update_dataset(self, uid: str, body: dict[str, Any]) -> dict[str, Any]:
        """PUT the dataset object (``metadata`` is required by the API: send the current one)."""
        return dict(self.client.send_json("PUT", f"/datasets/{uid}/", body))

    def delete_dataset(self, uid: str) -> None:
        self.client.send_json("DELETE", f"/datasets/{uid}/")

    # --- files and resources ------------------------------------------------------------------

    def upload_file(
        self, uid: str, path: str | Path, *, filename: str | None = None, mimetype: str = "text/csv",
        progress: bool | Callable[[int, int], None] = False,
    ) -> dict[str, Any]:
        """Stream a file to ``/resources/files/`` (multipart part ``file``); the ``DatasetFile`` answer.

        The body is read from disk while it is sent (never held in memory). An upload whose answer is
        lost is sent again: an uploaded file that no resource uses changes nothing on the dataset.
        """
        source = Path(path)
        with upload_body(source, filename or source.name, mimetype, progress) as body:
            result = self.client.request("POST", f"/datasets/{uid}/resources/files/", body=body, idempotent=True,
                                         timeout=max(self.client.timeout, 300.0))
        return dict(self.client.decode(result, f"POST /datasets/{uid}/resources/files/"))

    def get_file(self, uid: str, file_uid: str) -> dict[str, Any]:
        return dict(self.client.get_json(f"/datasets/{uid}/resources/files/{file_uid}/"))

    def list_resources(self, uid: str) -> list[dict[str, Any]]:
        return list(self.paginate(f"/datasets/{uid}/resources/"))

    def create_resource(self, uid: str, resource: dict[str, Any]) -> dict[str, Any]:
        """Add a resource; after a lost answer, a resource using the same file counts as created."""
        file_uid = ((resource.get("datasource") or {}).get("file") or {}).get("uid")

        def check() -> dict[str, Any] | None:
            for existing in self.list_resources(uid):
                if file_uid and ((existing.get("datasource") or {}).get("file") or {}).get("uid") == file_uid:
                    return existing
            return None

        return dict(self.client.send_json("POST", f"/datasets/{uid}/resources/", resource, check=check))

    def update_resource(self, uid: str, resource_uid: str, resource: dict[str, Any]) -> dict[str, Any]:
        return dict(self.client.send_json("PUT", f"/datasets/{uid}/resources/{resource_uid}/", resource))

    def delete_resource(self, uid: str, resource_uid: str) -> None:
        self.client.send_json("DELETE", f"/datasets/{uid}/resources/{resource_uid}/")

    # --- metadata -----------------------------------------------------------------------------

    def get_metadata(self, uid: str) -> dict[str, Any]:
        """Every template of the dataset: ``{template: {field: {"value": …}}}``."""
        return dict(self.client.get_json(f"/datasets/{uid}/metadata/") or {})

    def get_metadata_field(self, uid: str, template: str, field: str) -> Any:
        """The value of one field, ``None`` when it is not set."""
        try:
            data = self.client.get_json(f"/datasets/{uid}/metadata/{template}/{field}/")
        except NotFoundError:
            return None
        return (data or {}).get("value")

    def set_metadata_field(self, uid: str, template: str, field: str, value: Any) -> Any:
        """Write one field (``{"value": …}``); the other fields are left alone."""
        return self.client.send_json("PUT", f"/datasets/{uid}/metadata/{template}/{field}/", {"value": value})

    def delete_metadata_field(self, uid: str, template: str, field: str) -> None:
        self.client.send_json("DELETE", f"/datasets/{uid}/metadata/{template}/{field}/")

    def list_templates(self) -> list[dict[str, Any]]:
        return list(self.paginate("/metadata/templates/"))

    def template_fields(self, template: str) -> list[dict[str, Any]]:
        """The fields of a metadata template (``name``, ``type``, ``choices``, ``labels``…)."""
        return list(self.paginate(f"/metadata/templates/{template}/fields/"))

    # --- field configurations (automation-v1.0.openapi.json, tag "Dataset fields") --------------

    def list_field_configs(self, uid: str) -> list[dict[str, Any]]:
        """The dataset's field configurations, in the order the portal applies them."""
        return list(self.paginate(f"/datasets/{uid}/fields/"))

    def create_field_config(self, uid: str, config: dict[str, Any]) -> dict[str, Any]:
        """Append one configuration (rename, type, annotate, description, order, delete); after a lost answer,
        an identical configuration found on the dataset counts as created."""
        def check() -> dict[str, Any] | None:
            same = {k: v for k, v in config.items() if k != "label"}
            return next((c for c in self.list_field_configs(uid)
                         if {k: v for k, v in c.items() if k not in ("uid", "label")} == same), None)

        return dict(self.client.send_json("POST", f"/datasets/{uid}/fields/", config, check=check))

    def update_field_config(self, uid: str, config_uid: str, config: dict[str, Any]) -> dict[str, Any]:
        return dict(self.client.send_json("PUT", f"/datasets/{uid}/fields/{config_uid}/", config))

    def delete_field_config(self, uid: str, config_uid: str) -> None:
        self.client.send_json("DELETE", f"/datasets/{uid}/fields/{config_uid}/")

    def domain_processors(self) -> list[dict[str, Any]]:
        """The processor types the domain offers (``GET /processors/``)."""
        return list(self.client.get_json("/processors/") or [])

    # --- publication --------------------------------------------------------------------------

    def publish(self, uid: str) -> Any:
        """Ask the portal to (re)process and publish the dataset; asynchronous (see :meth:`wait`)."""
        return self.client.send_json("POST", f"/datasets/{uid}/publish/", idempotent=True)

    def unpublish(self, uid: str) -> Any:
        return self.client.send_json("POST", f"/datasets/{uid}/unpublish/", idempotent=True)

    def status(self, uid: str) -> dict[str, Any]:
        """``{"status", "is_published", "message", "records_errors", …}``."""
        return dict(self.client.get_json(f"/datasets/{uid}/status/"))

    def wait(self, uid: str, *, timeout: float = 900.0, on_status: Callable[[dict[str, Any]], None] | None = None,
             fail_on_error: bool = True) -> dict[str, Any]:
        """Poll ``/status/`` until the dataset is ``idle``; a processing error raises with the portal's reasons."""
        waited = 0.0
        while True:
            status = self.status(uid)
            if on_status is not None:
                on_status(status)
            state = status.get("status")
            if state == "idle":
                return status
            if state in FAILED_STATUSES:
                if fail_on_error:
                    raise processing_error(status, self.client.scrub)
                return status
            if waited >= timeout:
                raise PublicationError(
                    f"Le portail traite encore le jeu de données (statut « {state} ») après {int(waited)} s. "
                    "Relancez la commande plus tard : elle reprendra où elle s'est arrêtée.",
                    f"The portal is still processing the dataset (status '{state}') after {int(waited)} s. Run the "
                    "command again later: it resumes where it stopped.",
                )
            self.client.sleep(self.client.poll_interval)
            waited += self.client.poll_interval


def processing_error(status: dict[str, Any], scrub: Callable[[str], str] = str) -> PublicationError:
    """A :class:`PublicationError` from an ``error`` status: the portal's message and the first record errors."""
    message = scrub(str(status.get("message") or ""))
    errors = status.get("records_errors") or []
    lines = [scrub(f"{e.get('record_id') or '?'}: {e.get('message') or e}") for e in errors[:10]]
    if len(errors) > 10:
        lines.append(f"… (+{len(errors) - 10})")
    listing = ("\n  " + "\n  ".join(lines)) if lines else ""
    limit = (status.get("params") or {}).get("error")
    extra = f" ({limit})" if limit else ""
    return PublicationError(
        f"Le portail n'a pas pu traiter le jeu de données (statut « {status.get('status')} »{extra}) : "
        f"{message or 'sans message'}.{listing}\nCorrigez le fichier (types de colonnes, séparateur, encodage) "
        "puis relancez la publication.",
        f"The portal could not process the dataset (status '{status.get('status')}'{extra}): "
        f"{message or 'no message'}.{listing}\nFix the file (column types, separator, encoding) and publish again.",
    )
