"""Code tables and validators: ICD-10-CM, NPI, procedure and drug codes (CPT numbers with our own
labels, HCPCS Level II), place of service, modifiers, claim adjustment reason codes, and the
antidepressant classes.

Every code module has the same small face: ``validate(code)`` returns the normalized code or
raises :class:`~ketacover.core.errors.InvalidCodeError` naming the kind of code and the problem,
``is_valid(code)`` never raises, and ``describe(code)`` says what the code means in our words.
Wrongly rejecting a real code is worse than wrongly accepting one. :mod:`.lookup` reads a code
of unknown kind in every system it could belong to.
"""
