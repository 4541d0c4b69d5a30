"""The JSON API: cases, events and documents for scripts, with personal API tokens."""
