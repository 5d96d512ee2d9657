"""drafter: turn bullet facts and a role into a clean year-end work summary."""

__version__ = "0.1.0"
