"""Writes with rules: every change to the timeline that must keep a rule goes through here.

Views, the admin, management commands, seeds and test factories call these functions
rather than saving models themselves, so a rule holds on every path, not on one screen.
"""
