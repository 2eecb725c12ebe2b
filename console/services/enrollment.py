"""An enrollment's life, Qt-free: one logical enrollment keeps its exact request and key.

A retry, a "Check again" or a resend after a busy service must carry the same key and the same body
(consent capture times included), or the service could create a second member. New content means
a new logical enrollment and so a new key.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from console.api.models import EnrollmentRequest
from console.services.enrollment_fields import Reading


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Submission:
    """Builds the request for the form's content and keeps its key until the content changes."""

    def __init__(self, clock: Callable[[], datetime] = _now) -> None:
        self._clock = clock
        self._fingerprint: str | None = None
        self.key: str | None = None
        self.request: EnrollmentRequest | None = None

    def prepare(
        self,
        reading: Reading,
        consents: Sequence[tuple[str, bool]],
        *,
        language: str,
        wording_version: str,
    ) -> tuple[EnrollmentRequest, str]:
        """The request and key for this content: the same as last time if nothing changed."""
        fingerprint = json.dumps([reading.values, list(consents), language, wording_version], sort_keys=True)
        if fingerprint != self._fingerprint or self.request is None or self.key is None:
            self.request = reading.request(
                consents,
                consent_language=language,
                wording_version=wording_version,
                captured_at=self._clock(),
            )
            self.key = str(uuid.uuid4())
            self._fingerprint = fingerprint
        return self.request, self.key

    def reset(self) -> None:
        """Forget the key: the next content is a new logical enrollment."""
        self._fingerprint = None
        self.key = None
        self.request = None
