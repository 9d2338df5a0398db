"""``python -m smma_stats`` runs the ``smma`` command."""

from .cli import main

main()
