"""Collector Console: a desktop admin console for the AIR MILES Collector Service."""

__version__ = "0.1.0"
