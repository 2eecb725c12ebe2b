"""HTTP work on its own thread, so the UI thread only renders.

An `EnvironmentSession` is Qt-free asyncio code. Run on the UI thread, 200 concurrent lookups cost the
UI loop about 10 ms of CPU each (httpx and httpcore bookkeeping), in long uninterrupted runs. Here every
coroutine of the session and its client runs on an asyncio loop in a worker thread; the UI awaits the
result. Pages keep calling `await session.client.get_summary(...)` unchanged: `ThreadedSession` and
`ThreadedClient` forward attribute reads and dispatch coroutine methods. Cancelling the awaiting UI task
cancels the work on the network thread. Exchange-log callbacks are delivered on the UI loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class NetworkThread:
    """A plain asyncio loop running in a daemon thread."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="network", daemon=True)
        self._thread.start()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def _run(self) -> None:
        loop = self._loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:  # as asyncio.run ends: nothing left pending, then close
            for _ in range(5):
                tasks = asyncio.all_tasks(loop)
                if not tasks:
                    break
                for task in tasks:
                    task.cancel()
                loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def call(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run `coro` on the network thread and await its result from the calling loop."""
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self._loop))

    async def drain(self) -> None:
        """Cancel every request still running there and wait until they have let go of their sockets."""
        if self._thread.is_alive():
            await self.call(self._cancel_all())

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the loop (what still runs there is cancelled first) and join the thread."""
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout)

    async def _cancel_all(self) -> None:
        current = asyncio.current_task()
        tasks = [task for task in asyncio.all_tasks() if task is not current]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=3)


class _Forwarding:
    """Forwards attributes to `_target`; coroutine methods run on the network thread."""

    def __init__(self, target: Any, network: NetworkThread) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_network", network)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if inspect.iscoroutinefunction(value):
            return functools.partial(self._dispatch, value)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, value)

    async def _dispatch(self, method: Callable[..., Coroutine[Any, Any, T]], *args: Any, **kwargs: Any) -> T:
        return await self._network.call(method(*args, **kwargs))

    def __repr__(self) -> str:
        return f"<threaded {self._target!r}>"


class ThreadedClient(_Forwarding):
    """A CollectorClient whose requests run on the network thread."""


class _UiExchangeLog(_Forwarding):
    """An ExchangeLog whose subscribers are called on the loop they subscribed from."""

    def subscribe(self, callback: Callable[[Any], None]) -> Callable[[], None]:
        ui_loop = asyncio.get_event_loop()
        subscribed = [True]

        def on_ui(exchange: Any) -> None:
            if subscribed[0]:  # an exchange queued before unsubscribing is dropped
                callback(exchange)

        def deliver(exchange: Any) -> None:
            with contextlib.suppress(RuntimeError):  # the UI loop is closed: nobody is listening
                ui_loop.call_soon_threadsafe(on_ui, exchange)

        unsubscribe = self._target.subscribe(deliver)

        def stop() -> None:
            subscribed[0] = False
            unsubscribe()

        return stop


class ThreadedSession(_Forwarding):
    """An EnvironmentSession used from the UI thread while its HTTP work runs on the network thread."""

    def __init__(self, session: Any, network: NetworkThread) -> None:
        super().__init__(session, network)
        object.__setattr__(self, "client", ThreadedClient(session.client, network))
        object.__setattr__(self, "exchange_log", _UiExchangeLog(session.exchange_log, network))
