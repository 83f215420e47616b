"""Routes whose endpoint takes the Request and returns the Response itself (the hot paths).

FastAPI's request handler solves an endpoint's parameters, runs it, then checks and serialises what
it returns. An endpoint that reads its own body and limits (`json_body.read_json`,
`ratelimit.limit_ip`) and returns a finished Response needs none of that, yet paid for it on
every request (benchmarks/README.md, "HTTP"). Such a route is still declared, matched, documented
and wrapped in the app's exception handlers like any other: only the handler is the endpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute, APIRouter


class RequestRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        dependant = self.dependant
        if (
            dependant.dependencies
            or dependant.path_params
            or dependant.query_params
            or dependant.header_params
            or dependant.cookie_params
            or dependant.body_params
            or dependant.request_param_name is None
        ):
            raise TypeError(f"{self.path}: a RequestRoute's endpoint takes the Request alone")

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        return self.endpoint


Endpoint = Callable[[Request], Coroutine[Any, Any, Response]]


def post(router: APIRouter, path: str, **options: Any) -> Callable[[Endpoint], Endpoint]:
    """`@router.post(path, ...)`, for an endpoint that takes the Request alone."""

    def declare(endpoint: Endpoint) -> Endpoint:
        router.add_api_route(
            path, endpoint, methods=["POST"], route_class_override=RequestRoute, **options
        )
        return endpoint

    return declare
