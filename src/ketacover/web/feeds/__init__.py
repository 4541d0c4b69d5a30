"""Calendar feeds of deadlines at secret addresses, and the daily e-mail digest of what is due."""
