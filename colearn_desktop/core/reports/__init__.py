"""Reading across the journal: insights (co-learning) and the pre-call brief."""
