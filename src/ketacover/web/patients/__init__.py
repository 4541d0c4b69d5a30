"""The patient's own view of their case: status, the next step, money, deadlines and the
documents they may use themselves, in English or Spanish, with nothing of the clinic's work."""
