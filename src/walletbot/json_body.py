"""A JSON request body read by the route itself: the hot path's way around FastAPI's body solving.

Declaring `body: Model` makes FastAPI solve the body as a dependency on every request, which cost
/v1/chat ~74k instructions, a tenth of its web stack (benchmarks/README.md, "HTTP"). `read_json`
gives the same answers: the same content types are JSON (`application/json`, `application/*+json`),
the same errors reach the app's RequestValidationError handler (a missing body, a body that is not
JSON by its content type, JSON that does not parse, fields that do not validate), with the same
`body`-rooted locations. The one difference: bytes that are not UTF-8 are `invalid_json` (400),
where FastAPI answered a bare 400. `openapi_body` documents the body as FastAPI would
(FastAPI's "custom OpenAPI path operation schema" recipe).
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect

Model = TypeVar("Model", bound=BaseModel)


async def read_json(request: Request, model: type[Model]) -> Model:
    """The request body as `model`, or a RequestValidationError shaped as FastAPI's."""
    try:
        body = await request.body()
    except ClientDisconnect:  # gone before its body was read: FastAPI's answer (nobody reads it)
        raise HTTPException(400, "There was an error parsing the body") from None
    if not body:
        raise _invalid("missing", "Field required", None)
    if not _is_json(request.headers.get("content-type")):
        message = "Input should be a valid dictionary or object to extract fields from"
        raise _invalid("model_attributes_type", message, body)
    try:
        data = json.loads(body)
    except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
        error = {"type": "json_invalid", "loc": ("body", getattr(exc, "pos", 0)), "input": {}}
        raise RequestValidationError([{**error, "msg": "JSON decode error"}]) from None
    try:
        # from_attributes as FastAPI validates: parsed JSON has no attributes to read, so it
        # changes only the error for a non-object body (`model_attributes_type`, as FastAPI's).
        return model.model_validate(data, from_attributes=True)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        raise RequestValidationError(errors) from None


def openapi_body(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` for a route that reads `model` with `read_json` (a model without nested
    models: their `$ref`s would point at definitions this inline schema cannot carry)."""
    schema = model.model_json_schema()
    if "$defs" in schema:
        raise ValueError(f"{model.__name__} nests models: let FastAPI solve its body instead")
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    main, _, sub = media.partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


def _invalid(kind: str, message: str, given: object) -> RequestValidationError:
    return RequestValidationError(
        [{"type": kind, "loc": ("body",), "msg": message, "input": given}]
    )
