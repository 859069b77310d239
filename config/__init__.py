"""Workstation settings: a fixed list of known keys, each validated and audited."""
