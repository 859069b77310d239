"""Shared kernel: errors, clock, actor identity, canonical JSON, safe file writes, job protocol.

Everything here is free of storage and UI concerns so every other package may use it.
"""
