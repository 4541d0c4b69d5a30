"""The patient navigator's web pages: "Will my insurance pay for ketamine?" without an account."""
