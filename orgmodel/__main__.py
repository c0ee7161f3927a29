"""Run as ``python -m orgmodel``."""

from orgmodel.launch import main

main()
