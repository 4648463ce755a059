"""Refuse request bodies larger than a service accepts, before parsing them."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from facturo_chassis.problems import problem_response

DEFAULT_MAX_BODY_BYTES = 1024 * 1024


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: a body over `max_bytes` gets a 413 problem.

    A declared Content-Length is checked first; a chunked body is counted as
    it arrives, so a client cannot get around the limit by not declaring it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared(scope) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        try:
            await self.app(scope, self._counting(receive), send)
        except BodyTooLarge:
            await self._refuse(scope, receive, send)

    def _declared(self, scope: Scope) -> int:
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit():
                return int(value)
        return 0

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLarge
            return message

        return counted

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413,
            "Request body too large",
            f"this service accepts request bodies up to {self.max_bytes} bytes",
            scope.get("path", ""),
        )
        await response(scope, receive, send)
