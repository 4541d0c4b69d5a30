"""Files staff attach to a case: PDF, PNG or JPEG, accepted by content, kept with the case."""
