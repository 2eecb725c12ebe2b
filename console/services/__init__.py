"""What the console does, apart from how it looks: sessions and environments, enrollment, verification,
import and checks.

Qt-free, like `console.api`: the window adapts these services to widgets, and the headless commands
(`collector-console import`, `check`, `audit verify`) use the same ones.
"""
