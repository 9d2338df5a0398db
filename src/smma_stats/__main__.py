"""``python -m smma_stats`` runs the ``smma`` command."""

from .cli import run

run()
