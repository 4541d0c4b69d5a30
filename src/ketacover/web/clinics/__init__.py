"""The clinic profile of a workspace: the clinic that bills, its prescribers and its fees."""
