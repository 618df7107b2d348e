"""Commands that bring contacts in and take the journal out: imports and exports."""
