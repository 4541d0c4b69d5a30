"""Letter content: what each document says, composed from a case.

A :class:`~ketacover.core.letters.letter.Letter` is pure content (parties, subject, blocks,
citations, enclosures, signature). ``ketacover.render`` lays it out as PDF, DOCX or HTML and knows
nothing of cases.
"""
