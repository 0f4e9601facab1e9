"""``python -m opcomap`` runs the CLI."""

from opcomap.cli import main

main()
