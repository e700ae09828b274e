"""Argument types the commands share: argparse names the option and the value it refused."""

import argparse


def count(value: str) -> int:
    """A whole number of at least 1 (for --limit)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"“{value}” is not a whole number of 1 or more")
    return number


def seconds(value: str) -> float:
    """A length of time in seconds, more than none."""
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"“{value}” is not a number of seconds above 0")
    return number
