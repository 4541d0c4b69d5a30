"""Cases stored in the database: the case document, its deadlines and its documents."""
