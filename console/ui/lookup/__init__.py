"""Member lookup: the search page and the member view."""

from console.ui.lookup.member_page import MemberPage
from console.ui.lookup.search_page import SearchPage

__all__ = ["MemberPage", "SearchPage"]
