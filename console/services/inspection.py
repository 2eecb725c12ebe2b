"""What the request inspector may show of an exchange: the rule, without the widgets.

Personal values of an exchange are shown only for the member whose caller is verified in this call, and
only after the reveal is written to the audit file. In Production only method, path, status, timing and
correlation id are shown, unless the user turned bodies on (a setting that needs the typed confirmation).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from console.api.exchange import Exchange
from console.services.verification import Verifications

log = logging.getLogger(__name__)


class AuditUnavailable(Exception):
    """The audit file cannot be written, so nothing is revealed."""


class ExchangeReveals:
    """The exchanges revealed in this call; a reveal lasts while its member stays verified."""

    def __init__(self, verifications: Verifications) -> None:
        self.verifications = verifications
        self._revealed: set[Exchange] = set()  # by identity: Exchange compares by identity

    def can_reveal(self, exchange: Exchange) -> bool:
        """True when the exchange is about one member, and that member's caller is verified now."""
        number = exchange.collector_number
        return number is not None and self.verifications.is_verified(number)

    def is_revealed(self, exchange: Exchange) -> bool:
        return exchange in self._revealed and self.can_reveal(exchange)

    def reveal(self, exchange: Exchange, *, staff: str, environment: str) -> bool:
        """Audit, then remember the reveal. False when not allowed; AuditUnavailable when not recorded."""
        if not self.can_reveal(exchange):
            return False
        if exchange in self._revealed:
            return True
        try:
            self.verifications.audit.record_reveal(
                staff=staff,
                collector_number=exchange.collector_number or "",
                field=f"exchange:{exchange.operation_id or exchange.method}",
                environment=environment,
            )
        except OSError as error:
            log.error("audit file not writable: %s", type(error).__name__)
            raise AuditUnavailable from error
        self._revealed.add(exchange)
        return True

    def forget(self) -> None:
        """Hide every revealed exchange again (the call ended, the console locked)."""
        self._revealed.clear()


def metadata_only(production: bool, bodies_in_production: bool) -> bool:
    """True when only method, path, status, timing and correlation id may be shown."""
    return production and not bodies_in_production


def bare_path(exchange: Exchange) -> str:
    """The request's path without its query string."""
    return urlsplit(exchange.raw_url).path
