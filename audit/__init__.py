"""The tamper-evident ledger: every record change, hash-chained and signed by the workstation."""
