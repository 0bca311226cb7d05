"""Check a request sent by the portal client against the vendor's OpenAPI documents.

For every request: the path exists under the Automation v1.0 or Explore v2.1 API, with that
method; every query parameter is declared; a JSON body only uses keys the schema allows (no unknown
key where the schema declares its properties, no read-only key, required keys present); a multipart
body only has declared parts. The key never travels in the query string.

Usage: ``problems = OpenAPIChecker().problems(prepared_request)`` (empty list = conforms), or
``.check(request)`` which raises ``AssertionError`` with the problems.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

SPEC_DIR = Path(__file__).resolve().parents[1] / "data" / "ods-openapi"
APIS = {
    "/api/automation/v1.0": "automation-v1.0.openapi.json",
    "/api/explore/v2.1": "explore-v2.1.openapi.json",
}
METHODS = ("get", "post", "put", "delete", "patch", "head")


@lru_cache(maxsize=4)
def _load(name: str, spec_dir: str) -> dict[str, Any]:
    return json.loads((Path(spec_dir) / name).read_text(encoding="utf-8"))


class Spec:
    """One OpenAPI document with path matching and schema resolution."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        self.routes: list[tuple[re.Pattern[str], str, int]] = []
        for template in document["paths"]:
            pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            literal = len([s for s in template.split("/") if s and not s.startswith("{")])
            self.routes.append((re.compile(pattern), template, literal))

    def resolve(self, schema: Any) -> dict[str, Any]:
        """A schema with ``$ref`` followed (siblings merged over it) and ``allOf`` flattened."""
        if not isinstance(schema, dict):
            return {}
        schema = dict(schema)
        while "$ref" in schema:
            ref = schema.pop("$ref")
            target: Any = self.doc
            for part in ref.lstrip("#/").split("/"):
                target = target[part]
            merged = dict(target)
            props = {**(merged.get("properties") or {}), **(schema.get("properties") or {})}
            merged.update(schema)
            if props:
                merged["properties"] = props
            schema = merged
        if "allOf" in schema:
            parts = [self.resolve(s) for s in schema.pop("allOf")]
            merged_props: dict[str, Any] = dict(schema.get("properties") or {})
            required: list[str] = list(schema.get("required") or [])
            for part in parts:
                merged_props.update(part.get("properties") or {})
                required.extend(part.get("required") or [])
                if "additionalProperties" in part and "additionalProperties" not in schema:
                    schema["additionalProperties"] = part["additionalProperties"]
                for key in ("type",):
                    schema.setdefault(key, part.get(key))
            schema["properties"] = merged_props
            schema["required"] = required
            schema.pop("discriminator", None)
        return schema

    def operations(self, path: str, method: str) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
        """Every ``(template, path item, operation)`` matching, most specific first."""
        found = []
        for pattern, template, literal in self.routes:
            if pattern.match(path):
                item = self.doc["paths"][template]
                if method in item:
                    found.append((literal, template, item, item[method]))
        found.sort(key=lambda x: -x[0])
        return [(t, i, o) for _, t, i, o in found]

    def parameter_names(self, item: dict[str, Any], operation: dict[str, Any], where: str = "query") -> set[str]:
        names = set()
        for param in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]:
            param = self.resolve(param)
            if param.get("in") == where:
                names.add(param["name"])
        return names

    def body_problems(self, schema: Any, value: Any, where: str) -> list[str]:
        schema = self.resolve(schema)
        problems: list[str] = []
        discriminator = schema.get("discriminator")
        if discriminator and isinstance(value, dict):
            kind = value.get(discriminator["propertyName"])
            mapping = discriminator.get("mapping") or {}
            if kind not in mapping:
                return [f"{where}: {discriminator['propertyName']}={kind!r} not one of {sorted(mapping)}"]
            return self.body_problems({"$ref": mapping[kind]}, value, where)
        for combinator in ("oneOf", "anyOf"):
            if combinator in schema:
                branches = [self.body_problems(s, value, where) for s in schema[combinator]]
                if any(not b for b in branches):
                    return []
                return [f"{where}: matches no {combinator} branch ({'; '.join(b[0] for b in branches if b)})"]
        if isinstance(value, dict):
            props = schema.get("properties") or {}
            extra = schema.get("additionalProperties")
            for key, item in value.items():
                if key in props:
                    sub = self.resolve(props[key])
                    if sub.get("readOnly"):
                        problems.append(f"{where}.{key}: read-only key sent")
                    problems.extend(self.body_problems(props[key], item, f"{where}.{key}"))
                elif isinstance(extra, dict):
                    problems.extend(self.body_problems(extra, item, f"{where}.{key}"))
                elif props and extra is not True:
                    problems.append(f"{where}.{key}: key not allowed (allowed: {sorted(props)})")
            for key in schema.get("required") or []:
                if key not in value and not self.resolve(props.get(key, {})).get("readOnly"):
                    problems.append(f"{where}.{key}: required key missing")
        elif isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value):
                problems.extend(self.body_problems(schema["items"], item, f"{where}[{index}]"))
        return problems


class OpenAPIChecker:
    """Checks requests against both APIs."""

    def __init__(self, spec_dir: Path = SPEC_DIR) -> None:
        self.specs = {prefix: Spec(_load(name, str(spec_dir))) for prefix, name in APIS.items()}

    def problems(self, request: Any) -> list[str]:
        url = urlsplit(request.url)
        method = request.method.lower()
        prefix = next((p for p in self.specs if url.path.startswith(p + "/")), None)
        label = f"{request.method} {url.path}"
        if prefix is None:
            return [f"{label}: not under {' or '.join(self.specs)}"]
        spec = self.specs[prefix]
        path = url.path[len(prefix):]
        matches = spec.operations(path, method)
        if not matches:
            return [f"{label}: no such path+method in the OpenAPI document"]
        problems: list[str] = []
        allowed: set[str] = set()
        for _template, item, operation in matches:
            allowed |= spec.parameter_names(item, operation)
        for name, _value in parse_qsl(url.query, keep_blank_values=True):
            if name.lower() == "apikey":
                problems.append(f"{label}: API key sent in the query string")
            elif name not in allowed:
                problems.append(f"{label}: query parameter {name!r} not declared (declared: {sorted(allowed)})")
        _template, _item, operation = matches[0]
        problems.extend(self._body(spec, operation, request, label))
        return problems

    def _body(self, spec: Spec, operation: dict[str, Any], request: Any, label: str) -> list[str]:
        body = request.body
        if body is None or body == b"" or body == "":
            return []
        content = (request.headers.get("Content-Type") or "").split(";")[0].strip()
        declared = ((operation.get("requestBody") or {}).get("content") or {})
        if content not in declared:
            return [f"{label}: body of type {content!r} not declared (declared: {sorted(declared)})"]
        schema = declared[content].get("schema") or {}
        if content == "application/json":
            value = json.loads(body.decode("utf-8") if isinstance(body, bytes) else body)
            return [f"{label}: {p}" for p in spec.body_problems(schema, value, "body")]
        if content == "multipart/form-data":
            from requests_toolbelt.multipart.decoder import MultipartDecoder

            raw = body if isinstance(body, bytes) else body.encode()
            decoder = MultipartDecoder(raw, request.headers["Content-Type"])
            names = []
            for part in decoder.parts:
                disposition = part.headers.get(b"Content-Disposition", b"").decode()
                match = re.search(r'name="([^"]+)"', disposition)
                names.append(match.group(1) if match else "?")
            props = spec.resolve(schema).get("properties") or {}
            problems = [f"{label}: multipart part {n!r} not declared" for n in names if n not in props]
            problems += [f"{label}: multipart part {r!r} missing" for r in spec.resolve(schema).get("required") or []
                         if r not in names]
            return problems
        return []

    def check(self, request: Any) -> None:
        problems = self.problems(request)
        assert not problems, "\n".join(problems)
