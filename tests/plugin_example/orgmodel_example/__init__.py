"""An example orgmodel rule plugin (EX001 virksomhet-name-prefix)."""
