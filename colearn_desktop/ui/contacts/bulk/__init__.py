"""Acting on many contacts at once: the Selected menu, its dialogs and the selection as a query."""
