"""Template tags of the journey sections."""
