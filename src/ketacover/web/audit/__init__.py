"""The audit trail: every view and change of a case's health data, append-only."""
