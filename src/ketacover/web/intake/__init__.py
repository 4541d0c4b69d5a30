"""The intake wizard: a step-by-step form that creates a case and fills it, saving every step."""
