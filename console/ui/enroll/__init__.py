"""Enrollment: the form, its field profiles and checks, the duplicate warning and safe submission."""

from console.ui.enroll.page import EnrollPage

__all__ = ["EnrollPage"]
