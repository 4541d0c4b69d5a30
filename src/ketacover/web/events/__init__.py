"""The journey sections of the case page: calls, prior authorizations, denials, appeals,
sessions and claims, each recorded through a form; the timeline; and the charts."""
