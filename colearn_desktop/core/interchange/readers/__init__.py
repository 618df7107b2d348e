"""Reading other programs' files (CSV, vCard) and our JSON export."""
