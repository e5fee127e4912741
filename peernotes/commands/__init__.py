"""Headless subcommands of the `peernotes` command, one module each (see peernotes.cli)."""
