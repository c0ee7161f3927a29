"""Run as ``python -m orgmodel``."""

from orgmodel.cli import main

main()
